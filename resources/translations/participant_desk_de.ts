<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About %1</source>
        <translation>Über %1</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Protokolle</translation>
    </message>
    <message>
        <source>Manage Plandocket event participants and run check-in desks.</source>
        <translation>Teilnehmer von Plandocket-Veranstaltungen verwalten und Check-in-Schalter betreiben.</translation>
    </message>
</context>
<context>
    <name>AccessReport</name>
    <message>
        <source>Plandocket could not be reached at {url}.</source>
        <translation>Plandocket ist unter {url} nicht erreichbar.</translation>
    </message>
    <message>
        <source>A server answered at {url}, but not the way Plandocket does. Check the address.</source>
        <translation>Unter {url} hat ein Server geantwortet, aber nicht so, wie Plandocket antwortet. Prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>Plandocket answered at {url}.</source>
        <translation>Plandocket hat unter {url} geantwortet.</translation>
    </message>
    <message>
        <source>Plandocket did not accept the API key. It may be mistyped, revoked or expired.</source>
        <translation>Plandocket hat den API-Schlüssel nicht akzeptiert. Möglicherweise ist er falsch eingegeben, widerrufen oder abgelaufen.</translation>
    </message>
    <message>
        <source>The API key could not be checked.</source>
        <translation>Der API-Schlüssel konnte nicht geprüft werden.</translation>
    </message>
    <message>
        <source>The API key is valid.</source>
        <translation>Der API-Schlüssel ist gültig.</translation>
    </message>
    <message>
        <source>The key may read events: pick events from a list.</source>
        <translation>Der Schlüssel darf Veranstaltungen lesen: Veranstaltungen können aus einer Liste ausgewählt werden.</translation>
    </message>
    <message>
        <source>The key has no &apos;events&apos; scope: type event keys by hand instead of picking them.</source>
        <translation>Der Schlüssel hat keine Berechtigung „events“: Veranstaltungsschlüssel müssen von Hand eingegeben werden, statt sie aus einer Liste auszuwählen.</translation>
    </message>
    <message>
        <source>Whether the key may read events could not be checked.</source>
        <translation>Ob der Schlüssel Veranstaltungen lesen darf, konnte nicht geprüft werden.</translation>
    </message>
    <message>
        <source>The key may read contacts: find contacts by name when adding participants.</source>
        <translation>Der Schlüssel darf Kontakte lesen: Beim Hinzufügen von Teilnehmern können Kontakte nach Namen gesucht werden.</translation>
    </message>
    <message>
        <source>The key has no &apos;contacts&apos; scope: add participants by customer number instead of finding contacts by name.</source>
        <translation>Der Schlüssel hat keine Berechtigung „contacts“: Teilnehmer werden über die Kundennummer hinzugefügt, statt Kontakte nach Namen zu suchen.</translation>
    </message>
    <message>
        <source>Whether the key may read contacts could not be checked.</source>
        <translation>Ob der Schlüssel Kontakte lesen darf, konnte nicht geprüft werden.</translation>
    </message>
    <message>
        <source>The key may read and change participants.</source>
        <translation>Der Schlüssel darf Teilnehmer lesen und ändern.</translation>
    </message>
    <message>
        <source>The key has no &apos;participants&apos; scope, so Participant Desk cannot work with it. Ask a Plandocket administrator to add that scope to the key under Settings &gt; API.</source>
        <translation>Der Schlüssel hat keine Berechtigung „participants“, daher kann Participant Desk nicht mit ihm arbeiten. Bitten Sie einen Plandocket-Administrator, dem Schlüssel diese Berechtigung unter Einstellungen &gt; API hinzuzufügen.</translation>
    </message>
    <message>
        <source>Whether the key may read participants could not be checked.</source>
        <translation>Ob der Schlüssel Teilnehmer lesen darf, konnte nicht geprüft werden.</translation>
    </message>
</context>
<context>
    <name>AddParticipantDialog</name>
    <message>
        <source>Add Participant</source>
        <translation>Teilnehmer hinzufügen</translation>
    </message>
    <message>
        <source>Add participant</source>
        <translation>Teilnehmer hinzufügen</translation>
    </message>
    <message>
        <source>Con&amp;firmed (paid, requirements met)</source>
        <translation>&amp;Bestätigt (bezahlt, Voraussetzungen erfüllt)</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>&amp;Veranstaltung:</translation>
    </message>
    <message>
        <source>Customer &amp;number:</source>
        <translation>&amp;Kundennummer:</translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation>Wird hinzugefügt…</translation>
    </message>
</context>
<context>
    <name>ApiKeyField</name>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Paste the API key</source>
        <translation>API-Schlüssel einfügen</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Hide the API key</source>
        <translation>API-Schlüssel ausblenden</translation>
    </message>
    <message>
        <source>Show the API key</source>
        <translation>API-Schlüssel anzeigen</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>Participant Desk is already running on this computer.</source>
        <translation>Participant Desk läuft auf diesem Computer bereits.</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Demodaten</translation>
    </message>
    <message>
        <source>Enter the API key for %1. It is used for this session only.</source>
        <translation>Geben Sie den API-Schlüssel für %1 ein. Er wird nur für diese Sitzung verwendet.</translation>
    </message>
    <message>
        <source>Kiosk mode needs a desk PIN, so the desk cannot be left unnoticed.</source>
        <translation>Der Kioskmodus erfordert eine Schalter-PIN, damit der Check-in-Schalter nicht unbemerkt verlassen werden kann.</translation>
    </message>
    <message>
        <source>Plandocket did not accept the API key; changes stay queued.</source>
        <translation>Plandocket hat den API-Schlüssel nicht akzeptiert; die Änderungen bleiben in der Warteschlange.</translation>
    </message>
    <message>
        <source>Enter key…</source>
        <translation>Schlüssel eingeben…</translation>
    </message>
    <message>
        <source>Something went wrong: %1

Queued changes are safe and will be sent. Details are in the log file in %2.</source>
        <translation>Ein Fehler ist aufgetreten: %1

Änderungen in der Warteschlange sind sicher und werden gesendet. Details finden Sie in der Protokolldatei in %2.</translation>
    </message>
</context>
<context>
    <name>ArrivalsChart</name>
    <message>
        <source>Arrivals per 15 minutes</source>
        <translation>Ankünfte pro 15 Minuten</translation>
    </message>
    <message>
        <source>1 arrival in the last 15 minutes</source>
        <translation>1 Ankunft in den letzten 15 Minuten</translation>
    </message>
    <message>
        <source>%1 arrivals in the last 15 minutes</source>
        <translation>%1 Ankünfte in den letzten 15 Minuten</translation>
    </message>
    <message>
        <source>%1, %2 in the last hour</source>
        <translation>%1, %2 in der letzten Stunde</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Close this message</source>
        <translation>Diese Meldung schließen</translation>
    </message>
    <message>
        <source>Close message</source>
        <translation>Meldung schließen</translation>
    </message>
    <message>
        <source>{level}: {text}</source>
        <translation>{level}: {text}</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Demodaten</translation>
    </message>
</context>
<context>
    <name>BulkConfirmDialog</name>
    <message>
        <source>Confirm Participants</source>
        <extracomment>Up to this many rows change without asking.</extracomment>
        <translation>Teilnehmer bestätigen</translation>
    </message>
    <message>
        <source>Unconfirm Participants</source>
        <translation>Bestätigung zurücknehmen</translation>
    </message>
    <message numerus="yes">
        <source>Confirm %n participants?</source>
        <translation>
            <numerusform>%n Teilnehmer bestätigen?</numerusform>
            <numerusform>%n Teilnehmer bestätigen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mark %n participants as not confirmed?</source>
        <translation>
            <numerusform>%n Teilnehmer als nicht bestätigt markieren?</numerusform>
            <numerusform>%n Teilnehmer als nicht bestätigt markieren?</numerusform>
        </translation>
    </message>
    <message>
        <source>Each change is sent to Plandocket as its own request and counts against the API key&apos;s hourly request limit. Changes that cannot be sent now are queued.</source>
        <translation>Jede Änderung wird als eigene Anfrage an Plandocket gesendet und zählt zum stündlichen Anfragelimit des API-Schlüssels. Änderungen, die jetzt nicht gesendet werden können, kommen in die Warteschlange.</translation>
    </message>
    <message numerus="yes">
        <source>Con&amp;firm %n</source>
        <translation>
            <numerusform>%n &amp;bestätigen</numerusform>
            <numerusform>%n &amp;bestätigen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Unconfirm %n</source>
        <translation>
            <numerusform>Bestätigung für %n &amp;zurücknehmen</numerusform>
            <numerusform>Bestätigung für %n &amp;zurücknehmen</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Ready to add:</source>
        <translation>Bereit zum Hinzufügen:</translation>
    </message>
    <message>
        <source>Already participating (skipped):</source>
        <translation>Bereits angemeldet (übersprungen):</translation>
    </message>
    <message>
        <source>Invalid (not sent):</source>
        <translation>Ungültig (nicht gesendet):</translation>
    </message>
    <message>
        <source>Repeated in the file (not sent):</source>
        <translation>Mehrfach in der Datei (nicht gesendet):</translation>
    </message>
    <message>
        <source>Problems in the file</source>
        <translation>Probleme in der Datei</translation>
    </message>
    <message>
        <source>&amp;Problems in the file:</source>
        <translation>&amp;Probleme in der Datei:</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message numerus="yes">
        <source>Checking who already takes part took %n request(s).</source>
        <translation>
            <numerusform>Die Prüfung, wer bereits angemeldet ist, hat %n Anfrage benötigt.</numerusform>
            <numerusform>Die Prüfung, wer bereits angemeldet ist, hat %n Anfragen benötigt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>About %n request(s) needed; this key has no hourly limit.</source>
        <translation>
            <numerusform>Etwa %n Anfrage nötig; dieser Schlüssel hat kein stündliches Anfragelimit.</numerusform>
            <numerusform>Etwa %n Anfragen nötig; dieser Schlüssel hat kein stündliches Anfragelimit.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>About %n request(s) needed</source>
        <translation>
            <numerusform>Etwa %n Anfrage nötig</numerusform>
            <numerusform>Etwa %n Anfragen nötig</numerusform>
        </translation>
    </message>
    <message>
        <source>%1; %2 left this hour.</source>
        <translation>%1; in dieser Stunde noch %2 übrig.</translation>
    </message>
    <message>
        <source>The hourly limit of %1 requests is too small to import with %2 kept for the check-in desks.</source>
        <translation>Das stündliche Anfragelimit von %1 Anfragen ist zu klein, um zu importieren, wenn %2 für die Check-in-Schalter reserviert bleiben.</translation>
    </message>
    <message numerus="yes">
        <source>That is more than this hour allows (%1 are kept for the check-in desks): the import waits for the limit and goes on by itself, about %n hour(s) in all. Keep the app open until it is done.</source>
        <translation>
            <numerusform>Das ist mehr, als diese Stunde erlaubt (%1 bleiben für die Check-in-Schalter reserviert): Der Import wartet auf das Limit und läuft von selbst weiter, insgesamt etwa %n Stunde. Lassen Sie die App geöffnet, bis er abgeschlossen ist.</numerusform>
            <numerusform>Das ist mehr, als diese Stunde erlaubt (%1 bleiben für die Check-in-Schalter reserviert): Der Import wartet auf das Limit und läuft von selbst weiter, insgesamt etwa %n Stunden. Lassen Sie die App geöffnet, bis er abgeschlossen ist.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CheckinCounter</name>
    <message>
        <source>Check-in counts</source>
        <translation>Check-in-Zahlen</translation>
    </message>
    <message>
        <source>Share of participants confirmed</source>
        <translation>Anteil bestätigter Teilnehmer</translation>
    </message>
    <message>
        <source>%1 of %2 confirmed</source>
        <translation>%1 von %2 bestätigt</translation>
    </message>
    <message>
        <source>All check-ins sent</source>
        <translation>Alle Check-ins gesendet</translation>
    </message>
    <message numerus="yes">
        <source>%Ln check-in waiting to be sent</source>
        <translation>
            <numerusform>%Ln Check-in wartet auf den Versand</numerusform>
            <numerusform>%Ln Check-ins warten auf den Versand</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln check-ins waiting to be sent</source>
        <translation>
            <numerusform>%Ln Check-in wartet auf den Versand</numerusform>
            <numerusform>%Ln Check-ins warten auf den Versand</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 requests used this hour</source>
        <translation>%1 Anfragen in dieser Stunde verbraucht</translation>
    </message>
    <message>
        <source>%1 of %2 requests used this hour</source>
        <translation>%1 von %2 Anfragen in dieser Stunde verbraucht</translation>
    </message>
</context>
<context>
    <name>CheckinList</name>
    <message>
        <source>Page %1 of %2</source>
        <extracomment>A participant&apos;s confirmation state as the window shows it. The smallest body text printed, in points: lists are read at arm&apos;s length at a desk. Page margins in millimetres, inside what every office printer can print. Countries whose offices use US Letter paper; the rest of the world uses A4. Company and name together get at least this share of the width before &quot;Status&quot; goes.</extracomment>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>Contact %1</source>
        <translation>Kontakt %1</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>last name, first name</comment>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Participants: %1 · confirmed: %2</source>
        <translation>Teilnehmer: %1 · bestätigt: %2</translation>
    </message>
    <message>
        <source>Printed %1</source>
        <translation>Gedruckt am %1</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Customer no.</source>
        <translation>Kundennr.</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>This event has no participants to check in.</source>
        <translation>Für diese Veranstaltung gibt es keine Teilnehmer zum Einchecken.</translation>
    </message>
</context>
<context>
    <name>CheckinListActions</name>
    <message>
        <source>Check-in list %1</source>
        <translation>Check-in-Liste %1</translation>
    </message>
    <message>
        <source>Check-in list preview</source>
        <translation>Vorschau der Check-in-Liste</translation>
    </message>
    <message>
        <source>Print check-in list – %1</source>
        <translation>Check-in-Liste drucken – %1</translation>
    </message>
    <message>
        <source>Save check-in list as PDF</source>
        <translation>Check-in-Liste als PDF speichern</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Saving the check-in list failed</source>
        <translation>Speichern der Check-in-Liste fehlgeschlagen</translation>
    </message>
    <message>
        <source>Saved “%1”. Pages: %2</source>
        <translation>„%1“ gespeichert. Seiten: %2</translation>
    </message>
    <message>
        <source>Check-in list saved</source>
        <translation>Check-in-Liste gespeichert</translation>
    </message>
</context>
<context>
    <name>CheckinResultPanel</name>
    <message>
        <source>Check-in result: %1</source>
        <translation>Check-in-Ergebnis: %1</translation>
    </message>
    <message>
        <source>Ready — scan a badge or type a name</source>
        <translation>Bereit – Ausweis scannen oder Namen eingeben</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Already confirmed</source>
        <translation>Bereits bestätigt</translation>
    </message>
    <message>
        <source>Not registered</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Several matches</source>
        <translation>Mehrere Treffer</translation>
    </message>
    <message>
        <source>Check-in undone</source>
        <translation>Check-in zurückgenommen</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>Connect to Plandocket</source>
        <translation>Mit Plandocket verbinden</translation>
    </message>
    <message>
        <source>Connect Participant Desk to your Plandocket. A Plandocket administrator creates API keys under Settings &gt; API.</source>
        <translation>Verbinden Sie Participant Desk mit Ihrem Plandocket. API-Schlüssel erstellt ein Plandocket-Administrator unter Einstellungen &gt; API.</translation>
    </message>
    <message>
        <source>Connection name</source>
        <translation>Verbindungsname</translation>
    </message>
    <message>
        <source>Plandocket address</source>
        <translation>Plandocket-Adresse</translation>
    </message>
    <message>
        <source>acme or acme.plandocket.com</source>
        <translation>acme oder acme.plandocket.com</translation>
    </message>
    <message>
        <source>The key is kept in the system keyring (password store), never in a file.</source>
        <translation>Der Schlüssel wird im Schlüsselbund des Systems (Passwortspeicher) aufbewahrt, niemals in einer Datei.</translation>
    </message>
    <message>
        <source>&amp;Demo or training data (not a live event)</source>
        <translation>&amp;Demo- oder Schulungsdaten (keine echte Veranstaltung)</translation>
    </message>
    <message>
        <source>Demo or training data</source>
        <translation>Demo- oder Schulungsdaten</translation>
    </message>
    <message>
        <source>Plandocket &amp;address:</source>
        <translation>Plandocket-&amp;Adresse:</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>A&amp;PI-Schlüssel:</translation>
    </message>
    <message>
        <source>Connection &amp;name:</source>
        <translation>Verbindungs&amp;name:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Wird ausgeführt</translation>
    </message>
    <message>
        <source>Cancel test</source>
        <translation>Test abbrechen</translation>
    </message>
    <message>
        <source>Cancel the connection test</source>
        <translation>Verbindungstest abbrechen</translation>
    </message>
    <message>
        <source>Connection test results</source>
        <translation>Ergebnisse des Verbindungstests</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save the connection</source>
        <translation>Verbindung speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Connects to {url}</source>
        <translation>Verbindet mit {url}</translation>
    </message>
    <message>
        <source>e.g. Acme live</source>
        <translation>z. B. Acme live</translation>
    </message>
    <message>
        <source>The key you enter works until Participant Desk closes; it is asked for again at the next start.</source>
        <translation>Der eingegebene Schlüssel gilt, bis Participant Desk geschlossen wird; beim nächsten Start wird er erneut abgefragt.</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Verbindung wird getestet…</translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation>Test abgebrochen.</translation>
    </message>
    <message>
        <source>Participant Desk can work with this key.</source>
        <translation>Participant Desk kann mit diesem Schlüssel arbeiten.</translation>
    </message>
    <message>
        <source>Participant Desk cannot work with this yet.</source>
        <translation>Participant Desk kann damit noch nicht arbeiten.</translation>
    </message>
    <message>
        <source>The connection test failed unexpectedly. Details are in the log.</source>
        <translation>Der Verbindungstest ist unerwartet fehlgeschlagen. Details finden Sie im Protokoll.</translation>
    </message>
    <message>
        <source>Works</source>
        <translation>Funktioniert</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>A connection named &apos;{name}&apos; already exists. Choose another name.</source>
        <translation>Eine Verbindung namens „{name}“ ist bereits vorhanden. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>The connection could not be saved: {reason}</source>
        <translation>Die Verbindung konnte nicht gespeichert werden: {reason}</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <source>Continue without saving the key</source>
        <translation>Ohne Speichern des Schlüssels fortfahren</translation>
    </message>
    <message>
        <source>The API key could not be stored. Details are in the log.</source>
        <translation>Der API-Schlüssel konnte nicht gespeichert werden. Details finden Sie im Protokoll.</translation>
    </message>
</context>
<context>
    <name>CsvImport</name>
    <message>
        <source>None of the columns is named like an event key or a customer number. Columns found: %1. Choose the columns for the import below.</source>
        <translation>Keine Spalte ist wie ein Veranstaltungsschlüssel oder eine Kundennummer benannt. Gefundene Spalten: %1. Wählen Sie unten die Spalten für den Import aus.</translation>
    </message>
    <message>
        <source>Choose the column that holds the event key. Columns found: %1.</source>
        <translation>Wählen Sie die Spalte mit dem Veranstaltungsschlüssel aus. Gefundene Spalten: %1.</translation>
    </message>
    <message>
        <source>Choose the column that holds the customer number. Columns found: %1.</source>
        <translation>Wählen Sie die Spalte mit der Kundennummer aus. Gefundene Spalten: %1.</translation>
    </message>
    <message>
        <source>Choose the column that holds the event key.</source>
        <translation>Wählen Sie die Spalte mit dem Veranstaltungsschlüssel aus.</translation>
    </message>
    <message>
        <source>Choose the column that holds the customer number.</source>
        <translation>Wählen Sie die Spalte mit der Kundennummer aus.</translation>
    </message>
    <message>
        <source>The file has column names but no participant rows below them.</source>
        <translation>Die Datei enthält Spaltennamen, aber darunter keine Teilnehmerzeilen.</translation>
    </message>
    <message>
        <source>The file is %1 MB; files up to %2 MB can be imported. Split it into parts.</source>
        <extracomment>Larger files are refused before reading: 100 MB of CSV is about a million participants, far beyond what an hourly request limit lets anyone add. The delimiters a participant list may use, in the order of preference on a tie. Encodings the person may choose; the first four cover every export seen in practice.</extracomment>
        <translation>Die Datei ist %1 MB groß; importiert werden können Dateien bis %2 MB. Teilen Sie sie in mehrere Dateien auf.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Die Datei ist leer.</translation>
    </message>
    <message>
        <source>This is an Excel workbook, not a CSV file. In Excel, choose File › Save As and the type “CSV UTF-8”, then import that file.</source>
        <translation>Dies ist eine Excel-Arbeitsmappe, keine CSV-Datei. Wählen Sie in Excel „Datei › Speichern unter“ und den Dateityp „CSV UTF-8“, und importieren Sie dann diese Datei.</translation>
    </message>
    <message>
        <source>The file contains binary data, not text. Choose a CSV file (comma-separated).</source>
        <translation>Die Datei enthält Binärdaten, keinen Text. Wählen Sie eine CSV-Datei (durch Trennzeichen getrennte Werte).</translation>
    </message>
    <message>
        <source>The file cannot be read as %1: line %2 contains a character that is not valid in it. Choose another encoding.</source>
        <translation>Die Datei kann nicht als %1 gelesen werden: Zeile %2 enthält ein Zeichen, das darin ungültig ist. Wählen Sie eine andere Zeichenkodierung.</translation>
    </message>
    <message>
        <source>The file&apos;s characters cannot be read: it is neither UTF-8 nor Windows-1252 (see line %1). Choose the encoding, or save the file as “CSV UTF-8”.</source>
        <translation>Die Zeichen der Datei können nicht gelesen werden: Sie ist weder UTF-8 noch Windows-1252 (siehe Zeile %1). Wählen Sie die Zeichenkodierung aus, oder speichern Sie die Datei als „CSV UTF-8“.</translation>
    </message>
    <message>
        <source>The quotation mark in line %1 is never closed, so the rest of the file would be one value. Close the quotes or remove the quotation mark.</source>
        <translation>Das Anführungszeichen in Zeile %1 wird nie geschlossen, sodass der Rest der Datei ein einziger Wert wäre. Schließen Sie die Anführungszeichen, oder entfernen Sie das Anführungszeichen.</translation>
    </message>
    <message>
        <source>A quoted value that starts in line %1 is not closed properly (the problem shows in line %2). Check the quotation marks there.</source>
        <translation>Ein Wert in Anführungszeichen, der in Zeile %1 beginnt, ist nicht richtig abgeschlossen (das Problem zeigt sich in Zeile %2). Prüfen Sie dort die Anführungszeichen.</translation>
    </message>
    <message>
        <source>Line %1 has a quotation mark in the middle of a value. Put the whole value in quotes and double the quotation marks inside it.</source>
        <translation>Zeile %1 enthält ein Anführungszeichen mitten in einem Wert. Setzen Sie den ganzen Wert in Anführungszeichen, und verdoppeln Sie die Anführungszeichen darin.</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The event key is missing.</source>
        <translation>Der Veranstaltungsschlüssel fehlt.</translation>
    </message>
    <message>
        <source>The event key “%1” contains spaces.</source>
        <translation>Der Veranstaltungsschlüssel „%1“ enthält Leerzeichen.</translation>
    </message>
    <message>
        <source>The event key contains invisible characters.</source>
        <translation>Der Veranstaltungsschlüssel enthält unsichtbare Zeichen.</translation>
    </message>
    <message>
        <source>The event key is longer than %2 characters.</source>
        <translation>Der Veranstaltungsschlüssel ist länger als %2 Zeichen.</translation>
    </message>
    <message>
        <source>The customer number is missing.</source>
        <translation>Die Kundennummer fehlt.</translation>
    </message>
    <message>
        <source>The customer number “%1” contains spaces.</source>
        <translation>Die Kundennummer „%1“ enthält Leerzeichen.</translation>
    </message>
    <message>
        <source>The customer number contains invisible characters.</source>
        <translation>Die Kundennummer enthält unsichtbare Zeichen.</translation>
    </message>
    <message>
        <source>The customer number is longer than %2 characters.</source>
        <translation>Die Kundennummer ist länger als %2 Zeichen.</translation>
    </message>
    <message>
        <source>There is no event with the key “%1”.</source>
        <translation>Es gibt keine Veranstaltung mit dem Schlüssel „%1“.</translation>
    </message>
    <message>
        <source>“%1” is not a yes or no for “confirmed”. Use yes or no (also ja/nein, 1/0, x or an empty cell).</source>
        <translation>„%1“ ist kein Ja oder Nein für „bestätigt“. Verwenden Sie ja oder nein (auch yes/no, 1/0, x oder eine leere Zelle).</translation>
    </message>
    <message>
        <source>This row has a different number of fields (%1) than the header (%2). A value may contain the delimiter without quotes.</source>
        <translation>Diese Zeile hat eine andere Anzahl Felder (%1) als die Kopfzeile (%2). Möglicherweise enthält ein Wert das Trennzeichen ohne Anführungszeichen.</translation>
    </message>
    <message>
        <source>This row has a different number of fields (%1) than most rows (%2). A value may contain the delimiter without quotes.</source>
        <translation>Diese Zeile hat eine andere Anzahl Felder (%1) als die meisten Zeilen (%2). Möglicherweise enthält ein Wert das Trennzeichen ohne Anführungszeichen.</translation>
    </message>
    <message>
        <source>Same event and customer number as row %1.</source>
        <translation>Gleiche Veranstaltung und Kundennummer wie Zeile %1.</translation>
    </message>
</context>
<context>
    <name>CustomerNumberField</name>
    <message>
        <source>Customer number</source>
        <extracomment>Item data role holding the :class:`Contact` of a pop-up row.</extracomment>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>Customer number, e.g. 10023</source>
        <translation>Kundennummer, z. B. 10023</translation>
    </message>
    <message>
        <source>Customer number, or search by name</source>
        <translation>Kundennummer oder Suche nach Namen</translation>
    </message>
    <message>
        <source>Type the customer number, or part of a company or person&apos;s name.</source>
        <translation>Geben Sie die Kundennummer oder einen Teil des Firmen- oder Personennamens ein.</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Matching contacts</source>
        <translation>Passende Kontakte</translation>
    </message>
    <message>
        <source>Contacts could not be searched: {reason}</source>
        <translation>Kontakte konnten nicht durchsucht werden: {reason}</translation>
    </message>
</context>
<context>
    <name>DeskController</name>
    <message>
        <source>Opening the offline copy…</source>
        <translation>Offline-Kopie wird geöffnet…</translation>
    </message>
    <message>
        <source>Offline copy from %1; refreshing…</source>
        <translation>Offline-Kopie von %1 Uhr; wird aktualisiert…</translation>
    </message>
    <message>
        <source>Press Enter to check in</source>
        <translation>Zum Einchecken Enter drücken</translation>
    </message>
    <message>
        <source>%1 matches — choose with ↑ ↓ and Enter</source>
        <translation>%1 Treffer – mit ↑ ↓ und Enter auswählen</translation>
    </message>
    <message>
        <source>Not registered for this event</source>
        <translation>Für diese Veranstaltung nicht angemeldet</translation>
    </message>
    <message>
        <source>“%1” — press F2 to add as walk-in</source>
        <translation>„%1“ – mit F2 vor Ort anmelden</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Check-in taken back</source>
        <translation>Check-in zurückgenommen</translation>
    </message>
    <message>
        <source>Customer no. %1</source>
        <translation>Kundennr. %1</translation>
    </message>
    <message>
        <source>Already confirmed %1 at this desk</source>
        <translation>Bereits %1 an diesem Check-in-Schalter bestätigt</translation>
    </message>
    <message>
        <source>Already confirmed %1</source>
        <translation>Bereits %1 bestätigt</translation>
    </message>
    <message>
        <source>Already confirmed</source>
        <translation>Bereits bestätigt</translation>
    </message>
    <message>
        <source>Up to date at %1 (%2 participants)</source>
        <translation>Aktuell, Stand %1 Uhr (%2 Teilnehmer)</translation>
    </message>
    <message>
        <source>Working offline: %1</source>
        <translation>Offline-Betrieb: %1</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>um %1 Uhr</translation>
    </message>
    <message>
        <source>on %1 at %2</source>
        <translation>am %1 um %2 Uhr</translation>
    </message>
</context>
<context>
    <name>DeskSettingsDialog</name>
    <message>
        <source>Desk settings</source>
        <translation>Schaltereinstellungen</translation>
    </message>
    <message>
        <source>&amp;Mute sounds</source>
        <translation>Töne &amp;stummschalten</translation>
    </message>
    <message>
        <source>Check in only after &amp;Enter is pressed</source>
        <translation>Erst nach Drücken von &amp;Enter einchecken</translation>
    </message>
    <message>
        <source>A scan then shows who was found; a second Enter checks them in.</source>
        <translation>Ein Scan zeigt dann an, wer gefunden wurde; erst ein zweites Enter checkt die Person ein.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Standard: 1,000 requests per hour</source>
        <translation>Standard: 1.000 Anfragen pro Stunde</translation>
    </message>
    <message>
        <source>Professional: 5,000 requests per hour</source>
        <translation>Professional: 5.000 Anfragen pro Stunde</translation>
    </message>
    <message>
        <source>Enterprise: unlimited</source>
        <translation>Enterprise: unbegrenzt</translation>
    </message>
    <message>
        <source>Mute sounds</source>
        <translation>Töne stummschalten</translation>
    </message>
    <message>
        <source>Check in only after Enter</source>
        <translation>Erst nach Enter einchecken</translation>
    </message>
    <message>
        <source>Seconds a result stays</source>
        <translation>Anzeigedauer eines Ergebnisses in Sekunden</translation>
    </message>
    <message>
        <source>Plandocket plan</source>
        <translation>Plandocket-Tarif</translation>
    </message>
    <message>
        <source>Kiosk PIN</source>
        <translation>Kiosk-PIN</translation>
    </message>
    <message>
        <source>Result stays for:</source>
        <translation>Ergebnis anzeigen für:</translation>
    </message>
    <message>
        <source>Plandocket &amp;plan:</source>
        <translation>Plandocket-&amp;Tarif:</translation>
    </message>
    <message>
        <source>Kiosk PIN:</source>
        <translation>Kiosk-PIN:</translation>
    </message>
    <message>
        <source>Change PIN…</source>
        <translation>PIN ändern…</translation>
    </message>
    <message>
        <source>Set PIN…</source>
        <translation>PIN festlegen…</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <source>%1 — Check-in desk</source>
        <translation>%1 – Check-in-Schalter</translation>
    </message>
    <message>
        <source>F2 walk-in · Ctrl+Z undo · Esc clear</source>
        <translation>F2 vor Ort anmelden · Ctrl+Z rückgängig · Esc leeren</translation>
    </message>
    <message>
        <source>&amp;Undo last check-in</source>
        <translation>Letzten Check-in &amp;rückgängig machen</translation>
    </message>
    <message>
        <source>Add &amp;walk-in…</source>
        <translation>&amp;Vor Ort anmelden…</translation>
    </message>
    <message>
        <source>&amp;Mute</source>
        <translation>&amp;Stummschalten</translation>
    </message>
    <message>
        <source>Desk &amp;settings…</source>
        <translation>Schalter&amp;einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Refresh now</source>
        <translation>&amp;Jetzt aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Leave desk</source>
        <translation>Schalter ver&amp;lassen</translation>
    </message>
    <message>
        <source>Which event is this desk for?</source>
        <translation>Für welche Veranstaltung ist dieser Check-in-Schalter?</translation>
    </message>
    <message>
        <source>Event for this desk</source>
        <translation>Veranstaltung für diesen Check-in-Schalter</translation>
    </message>
    <message>
        <source>Open desk</source>
        <translation>Check-in-Schalter öffnen</translation>
    </message>
    <message>
        <source>Matches: choose with the arrow keys and Enter</source>
        <translation>Treffer: mit den Pfeiltasten und Enter auswählen</translation>
    </message>
    <message>
        <source>Sound off</source>
        <translation>Ton aus</translation>
    </message>
    <message>
        <source>Sound on</source>
        <translation>Ton an</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>Nichts rückgängig zu machen.</translation>
    </message>
    <message>
        <source>Walk-in added and confirmed</source>
        <translation>Vor Ort angemeldet und bestätigt</translation>
    </message>
    <message>
        <source>Enter the desk PIN to change settings.</source>
        <translation>Geben Sie die Schalter-PIN ein, um die Einstellungen zu ändern.</translation>
    </message>
    <message>
        <source>Enter the desk PIN to leave kiosk mode.</source>
        <translation>Geben Sie die Schalter-PIN ein, um den Kioskmodus zu verlassen.</translation>
    </message>
</context>
<context>
    <name>EditParticipationDialog</name>
    <message>
        <source>Edit Participation</source>
        <translation>Teilnahme bearbeiten</translation>
    </message>
    <message>
        <source>Edit participation</source>
        <translation>Teilnahme bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>&amp;Veranstaltung:</translation>
    </message>
    <message>
        <source>Customer &amp;number:</source>
        <translation>&amp;Kundennummer:</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Teilnehmer</translation>
    </message>
    <message>
        <source>Currently in: {event}</source>
        <translation>Aktuelle Veranstaltung: {event}</translation>
    </message>
    <message>
        <source>Current event</source>
        <translation>Aktuelle Veranstaltung</translation>
    </message>
    <message>
        <source>Move this participation to another event, or correct the customer number if it was added for the wrong contact.</source>
        <translation>Verschieben Sie diese Teilnahme in eine andere Veranstaltung, oder korrigieren Sie die Kundennummer, falls sie für den falschen Kontakt hinzugefügt wurde.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
</context>
<context>
    <name>ErrorLabel</name>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>EventPicker</name>
    <message>
        <source>Event</source>
        <extracomment>Item data role holding the event key of a row. Item data role holding the folded text the completer matches against.</extracomment>
        <translation>Veranstaltung</translation>
    </message>
    <message>
        <source>Event key</source>
        <translation>Veranstaltungsschlüssel</translation>
    </message>
    <message>
        <source>Event key, e.g. EXPO26</source>
        <translation>Veranstaltungsschlüssel, z. B. EXPO26</translation>
    </message>
    <message>
        <source>Matching events</source>
        <translation>Passende Veranstaltungen</translation>
    </message>
    <message>
        <source>Type part of an event&apos;s title, date or key to filter the list.</source>
        <translation>Geben Sie einen Teil von Titel, Datum oder Schlüssel einer Veranstaltung ein, um die Liste zu filtern.</translation>
    </message>
    <message>
        <source>Type the event key; recently used keys are in the list.</source>
        <translation>Geben Sie den Veranstaltungsschlüssel ein; zuletzt verwendete Schlüssel stehen in der Liste.</translation>
    </message>
</context>
<context>
    <name>ExportWriters</name>
    <message>
        <source>“%1” could not be saved: access was denied. If the file is open in another program (such as Excel), close it and try again, or choose another folder.</source>
        <extracomment>Translation context of the error sentences (the window translates them); lupdate needs the literal in every QT_TRANSLATE_NOOP below.</extracomment>
        <translation>„%1“ konnte nicht gespeichert werden: Der Zugriff wurde verweigert. Wenn die Datei in einem anderen Programm (z. B. Excel) geöffnet ist, schließen Sie sie und versuchen Sie es erneut, oder wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>“%1” could not be saved: the disk is full.</source>
        <translation>„%1“ konnte nicht gespeichert werden: Der Datenträger ist voll.</translation>
    </message>
    <message>
        <source>“%1” could not be saved: the folder does not exist.</source>
        <translation>„%1“ konnte nicht gespeichert werden: Der Ordner existiert nicht.</translation>
    </message>
    <message>
        <source>“%1” could not be saved: %2</source>
        <translation>„%1“ konnte nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Event</source>
        <translation>Veranstaltung</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>Any customer</source>
        <translation>Alle Kunden</translation>
    </message>
    <message>
        <source>Confirmation status</source>
        <translation>Bestätigungsstatus</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Not confirmed</source>
        <translation>Nicht bestätigt</translation>
    </message>
    <message>
        <source>Quick search</source>
        <translation>Schnellsuche</translation>
    </message>
    <message>
        <source>Quick search in the loaded list (Ctrl+F)</source>
        <translation>Schnellsuche in der geladenen Liste (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search name, company, email, number</source>
        <translation>Name, Firma, E-Mail, Nummer suchen</translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>&amp;Veranstaltung:</translation>
    </message>
    <message>
        <source>C&amp;ustomer:</source>
        <translation>&amp;Kunde:</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>&amp;Status:</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import Participants from CSV</source>
        <translation>Teilnehmer aus CSV importieren</translation>
    </message>
    <message>
        <source>Import participants from CSV</source>
        <translation>Teilnehmer aus CSV importieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV-Dateien (*.csv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Zurück</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Step 1 of 4: Preview and columns</source>
        <translation>Schritt 1 von 4: Vorschau und Spalten</translation>
    </message>
    <message>
        <source>Step 2 of 4: Check</source>
        <translation>Schritt 2 von 4: Prüfen</translation>
    </message>
    <message>
        <source>Step 3 of 4: Sending</source>
        <translation>Schritt 3 von 4: Senden</translation>
    </message>
    <message>
        <source>Step 4 of 4: Report</source>
        <translation>Schritt 4 von 4: Bericht</translation>
    </message>
    <message>
        <source>&amp;Check rows</source>
        <translation>Zeilen &amp;prüfen</translation>
    </message>
    <message>
        <source>Check rows</source>
        <translation>Zeilen prüfen</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>The file could not be read: %1</source>
        <translation>Die Datei konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Open a Plandocket account first.</source>
        <translation>Verbinden Sie sich zuerst mit einem Plandocket-Konto.</translation>
    </message>
    <message>
        <source>Checking which customers already take part…</source>
        <translation>Es wird geprüft, welche Kunden bereits angemeldet sind…</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>Checking which customers already take part (event %1 of %2)…</source>
        <translation>Es wird geprüft, welche Kunden bereits angemeldet sind (Veranstaltung %1 von %2)…</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Import %n participant(s)</source>
        <translation>
            <numerusform>%n Teilnehmer &amp;importieren</numerusform>
            <numerusform>%n Teilnehmer &amp;importieren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import %n participant(s)</source>
        <translation>
            <numerusform>%n Teilnehmer importieren</numerusform>
            <numerusform>%n Teilnehmer importieren</numerusform>
        </translation>
    </message>
    <message>
        <source>There is nothing to import.</source>
        <translation>Es gibt nichts zu importieren.</translation>
    </message>
    <message>
        <source>Could not ask Plandocket who already takes part: %1</source>
        <translation>Plandocket konnte nicht abgefragt werden, wer bereits angemeldet ist: %1</translation>
    </message>
    <message>
        <source>Waiting for earlier changes in the outbox to be sent first.</source>
        <translation>Es wird gewartet, bis frühere Änderungen in der Warteschlange gesendet sind.</translation>
    </message>
    <message>
        <source>Waiting for the hourly request limit — it is too small to continue with requests kept for the check-in desks. Cancel, or ask for a larger plan.</source>
        <translation>Warten auf das stündliche Anfragelimit – es ist zu klein, um fortzufahren, wenn Anfragen für die Check-in-Schalter reserviert bleiben. Brechen Sie ab, oder fragen Sie nach einem größeren Tarif.</translation>
    </message>
    <message>
        <source>Waiting for the hourly request limit — continues at %1.</source>
        <translation>Warten auf das stündliche Anfragelimit – es geht um %1 Uhr weiter.</translation>
    </message>
    <message numerus="yes">
        <source>Stopping: waiting for the answers to %n row(s) already handed over. They stay in the outbox and are sent in any case.</source>
        <translation>
            <numerusform>Wird beendet: Warten auf die Antwort zu %n bereits übergebenen Zeile. Sie bleibt in der Warteschlange und wird in jedem Fall gesendet.</numerusform>
            <numerusform>Wird beendet: Warten auf die Antworten zu %n bereits übergebenen Zeilen. Sie bleiben in der Warteschlange und werden in jedem Fall gesendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Show report &amp;now</source>
        <translation>Bericht &amp;jetzt anzeigen</translation>
    </message>
    <message>
        <source>Show report now</source>
        <translation>Bericht jetzt anzeigen</translation>
    </message>
    <message>
        <source>Save Import Report</source>
        <translation>Importbericht speichern</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Report saved to %1.</source>
        <translation>Bericht unter %1 gespeichert.</translation>
    </message>
    <message>
        <source>The report could not be saved: %1</source>
        <translation>Der Bericht konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Stop the Import?</source>
        <translation>Import abbrechen?</translation>
    </message>
    <message>
        <source>Stop the import and close?</source>
        <translation>Import abbrechen und schließen?</translation>
    </message>
    <message>
        <source>&amp;Stop and Close</source>
        <translation>&amp;Abbrechen und schließen</translation>
    </message>
    <message>
        <source>&amp;Keep Importing</source>
        <translation>&amp;Weiter importieren</translation>
    </message>
</context>
<context>
    <name>ImportResult</name>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <source>Already participating (skipped)</source>
        <translation>Bereits angemeldet (übersprungen)</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>Ungültig</translation>
    </message>
    <message>
        <source>Refused by Plandocket</source>
        <translation>Von Plandocket abgelehnt</translation>
    </message>
    <message>
        <source>Queued, will be sent when the connection is back</source>
        <translation>In der Warteschlange, wird gesendet, sobald die Verbindung wieder besteht</translation>
    </message>
    <message>
        <source>Not sent (cancelled)</source>
        <translation>Nicht gesendet (abgebrochen)</translation>
    </message>
    <message>
        <source>Not sent yet</source>
        <translation>Noch nicht gesendet</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
</context>
<context>
    <name>ImportRun</name>
    <message>
        <source>Handed over; no answer yet. The participant list shows how it went.</source>
        <extracomment>While waiting for the budget, look again at least this often: other desks&apos; requests expire too, and a clock change must not leave the import asleep for an hour.</extracomment>
        <translation>Übergeben; noch keine Antwort. Das Ergebnis sehen Sie in der Teilnehmerliste.</translation>
    </message>
    <message>
        <source>Could not be queued: %1</source>
        <translation>Konnte nicht in die Warteschlange gestellt werden: %1</translation>
    </message>
    <message>
        <source>%1 It waits under Problems.</source>
        <translation>%1 Die Änderung wartet unter „Probleme“.</translation>
    </message>
</context>
<context>
    <name>KeyPromptDialog</name>
    <message>
        <source>Plandocket did not accept the API key for {host} (it may have been revoked).</source>
        <translation>Plandocket hat den API-Schlüssel für {host} nicht akzeptiert (möglicherweise wurde er widerrufen).</translation>
    </message>
    <message>
        <source>API key needed</source>
        <translation>API-Schlüssel erforderlich</translation>
    </message>
    <message>
        <source>Paste a new key to continue; your queued changes are kept.</source>
        <translation>Fügen Sie einen neuen Schlüssel ein, um fortzufahren; Ihre Änderungen in der Warteschlange bleiben erhalten.</translation>
    </message>
    <message>
        <source>&amp;API key:</source>
        <translation>&amp;API-Schlüssel:</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Continue with the new key</source>
        <translation>Mit dem neuen Schlüssel fortfahren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>KeyStore</name>
    <message>
        <source>This computer offers no password store (keyring) to Participant Desk, so the API key is kept only until the app closes.</source>
        <translation>Dieser Computer stellt Participant Desk keinen Passwortspeicher (Schlüsselbund) zur Verfügung, daher wird der API-Schlüssel nur aufbewahrt, bis die App geschlossen wird.</translation>
    </message>
    <message>
        <source>Saving passwords in the system keyring is turned off on this computer, so the API key is kept only until the app closes.</source>
        <translation>Das Speichern von Passwörtern im Schlüsselbund des Systems ist auf diesem Computer deaktiviert, daher wird der API-Schlüssel nur aufbewahrt, bis die App geschlossen wird.</translation>
    </message>
    <message>
        <source>The only password store on this computer would save the API key unencrypted, so it is kept only until the app closes.</source>
        <translation>Der einzige Passwortspeicher auf diesem Computer würde den API-Schlüssel unverschlüsselt speichern, daher wird er nur aufbewahrt, bis die App geschlossen wird.</translation>
    </message>
    <message>
        <source>The system keyring is locked, so the API key is kept only until the app closes. Unlock the keyring and save the connection again to keep the key.</source>
        <translation>Der Schlüsselbund des Systems ist gesperrt, daher wird der API-Schlüssel nur aufbewahrt, bis die App geschlossen wird. Entsperren Sie den Schlüsselbund und speichern Sie die Verbindung erneut, um den Schlüssel zu behalten.</translation>
    </message>
    <message>
        <source>The system keyring did not respond as expected, so the API key is kept only until the app closes.</source>
        <translation>Der Schlüsselbund des Systems hat nicht wie erwartet reagiert, daher wird der API-Schlüssel nur aufbewahrt, bis die App geschlossen wird.</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Add participant…</source>
        <translation>Teilnehmer &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit participation…</source>
        <translation>Teilnahme be&amp;arbeiten…</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>&amp;Bestätigen</translation>
    </message>
    <message>
        <source>&amp;Unconfirm</source>
        <translation>Bestätigung &amp;zurücknehmen</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen…</translation>
    </message>
    <message>
        <source>&amp;Details…</source>
        <translation>&amp;Details…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Stop loading</source>
        <translation>Laden an&amp;halten</translation>
    </message>
    <message>
        <source>&amp;Copy rows</source>
        <translation>Zeilen &amp;kopieren</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>&amp;Connections…</source>
        <translation>&amp;Verbindungen…</translation>
    </message>
    <message>
        <source>Check-in &amp;desk…</source>
        <translation>&amp;Check-in-Schalter…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;About Participant Desk</source>
        <translation>&amp;Über Participant Desk</translation>
    </message>
    <message>
        <source>&amp;Import participants from CSV…</source>
        <translation>Teilnehmer aus CSV &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Export view…</source>
        <translation>Ansicht &amp;exportieren…</translation>
    </message>
    <message>
        <source>&amp;Print check-in list…</source>
        <translation>Check-in-Liste &amp;drucken…</translation>
    </message>
    <message>
        <source>Save check-in list as P&amp;DF…</source>
        <translation>Check-in-Liste als &amp;PDF speichern…</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Teilnehmer</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>&amp;Problems</source>
        <translation>&amp;Probleme</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Switch account</source>
        <translation>&amp;Konto wechseln</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Participants</source>
        <translation>&amp;Teilnehmer</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>&amp;Spalten</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>Sp&amp;rache</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Konto:</translation>
    </message>
    <message>
        <source>Plandocket account</source>
        <translation>Plandocket-Konto</translation>
    </message>
    <message>
        <source>Connections…</source>
        <translation>Verbindungen…</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Loading progress</source>
        <translation>Ladefortschritt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Participant Desk uses the new language from its next start.</source>
        <translation>Participant Desk verwendet die neue Sprache ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Participant added.</source>
        <translation>Teilnehmer hinzugefügt.</translation>
    </message>
    <message>
        <source>Participation changed.</source>
        <translation>Teilnahme geändert.</translation>
    </message>
    <message numerus="yes">
        <source>%n confirmation(s) queued.</source>
        <translation>
            <numerusform>%n Bestätigung in die Warteschlange gestellt.</numerusform>
            <numerusform>%n Bestätigungen in die Warteschlange gestellt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n un-confirmation(s) queued.</source>
        <translation>
            <numerusform>Rücknahme von %n Bestätigung in die Warteschlange gestellt.</numerusform>
            <numerusform>Rücknahme von %n Bestätigungen in die Warteschlange gestellt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to change: the selection already has that state.</source>
        <translation>Nichts zu ändern: Die Auswahl hat bereits diesen Status.</translation>
    </message>
    <message numerus="yes">
        <source>%n removal(s) queued.</source>
        <translation>
            <numerusform>Entfernen von %n Teilnahme in die Warteschlange gestellt.</numerusform>
            <numerusform>Entfernen von %n Teilnahmen in die Warteschlange gestellt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) copied.</source>
        <translation>
            <numerusform>%n Zeile kopiert.</numerusform>
            <numerusform>%n Zeilen kopiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>participants</source>
        <translation>Teilnehmer</translation>
    </message>
    <message>
        <source>Check-in list</source>
        <translation>Check-in-Liste</translation>
    </message>
    <message>
        <source>Choose an event in the filter bar first: the list is printed per event.</source>
        <translation>Wählen Sie zuerst in der Filterleiste eine Veranstaltung aus: Die Liste wird pro Veranstaltung gedruckt.</translation>
    </message>
    <message>
        <source>%1 — Demo data</source>
        <translation>%1 – Demodaten</translation>
    </message>
    <message>
        <source>Demo data: a built-in training server with sample events. Nothing you do here reaches a Plandocket account.</source>
        <translation>Demodaten: ein integrierter Schulungsserver mit Beispielveranstaltungen. Nichts, was Sie hier tun, gelangt in ein Plandocket-Konto.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1 loaded</source>
        <translation>%1 geladen</translation>
    </message>
    <message>
        <source>Loading stopped: %1 participants shown. Press F5 to load all.</source>
        <translation>Laden angehalten: %1 Teilnehmer angezeigt. Drücken Sie F5, um alle zu laden.</translation>
    </message>
    <message>
        <source>%1 participants</source>
        <translation>%1 Teilnehmer</translation>
    </message>
    <message>
        <source>%1 confirmed</source>
        <translation>%1 bestätigt</translation>
    </message>
    <message>
        <source>1 change pending</source>
        <translation>1 Änderung ausstehend</translation>
    </message>
    <message>
        <source>%1 changes pending</source>
        <translation>%1 Änderungen ausstehend</translation>
    </message>
    <message>
        <source>%1 need attention</source>
        <translation>%1 mit Handlungsbedarf</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Connect to your Plandocket account to see participants.</source>
        <translation>Verbinden Sie sich mit Ihrem Plandocket-Konto, um Teilnehmer zu sehen.</translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation>Verbinden…</translation>
    </message>
    <message>
        <source>Could not load participants</source>
        <translation>Teilnehmer konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Choose an event</source>
        <translation>Veranstaltung auswählen</translation>
    </message>
    <message>
        <source>Pick an event above (or enter a customer number) to list its participants.</source>
        <translation>Wählen Sie oben eine Veranstaltung aus (oder geben Sie eine Kundennummer ein), um die Teilnehmer aufzulisten.</translation>
    </message>
    <message>
        <source>Choose event</source>
        <translation>Veranstaltung wählen</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <source>No loaded participant matches “%1”.</source>
        <translation>Kein geladener Teilnehmer passt zu „%1“.</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Suche löschen</translation>
    </message>
    <message>
        <source>No participants</source>
        <translation>Keine Teilnehmer</translation>
    </message>
    <message>
        <source>Nobody matches these filters in Plandocket.</source>
        <translation>In Plandocket passt niemand zu diesen Filtern.</translation>
    </message>
</context>
<context>
    <name>ParticipantDetailsDialog</name>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Not confirmed</source>
        <translation>Nicht bestätigt</translation>
    </message>
    <message>
        <source>Participation</source>
        <translation>Teilnahme</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>Zuletzt geändert</translation>
    </message>
    <message>
        <source>Participant ID</source>
        <translation>Teilnehmer-ID</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Contact ID</source>
        <translation>Kontakt-ID</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Event key</source>
        <translation>Veranstaltungsschlüssel</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Visible</source>
        <translation>Sichtbar</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Teilnehmer</translation>
    </message>
    <message>
        <source>Event ID</source>
        <translation>Veranstaltungs-ID</translation>
    </message>
    <message>
        <source>Category key</source>
        <translation>Kategorieschlüssel</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Ebene</translation>
    </message>
    <message>
        <source>Parent category ID</source>
        <translation>ID der übergeordneten Kategorie</translation>
    </message>
    <message>
        <source>Sort order</source>
        <translation>Sortierreihenfolge</translation>
    </message>
    <message>
        <source>Category ID</source>
        <translation>Kategorie-ID</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Veranstaltung</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Participant {id}</source>
        <translation>Teilnehmer {id}</translation>
    </message>
    <message>
        <source>Participant Details — {name}</source>
        <translation>Teilnehmerdetails – {name}</translation>
    </message>
    <message>
        <source>Participant details</source>
        <translation>Teilnehmerdetails</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Teilnehmer</translation>
    </message>
    <message>
        <source>Copy status</source>
        <translation>Kopierstatus</translation>
    </message>
    <message>
        <source>Co&amp;py</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy all details</source>
        <translation>Alle Details kopieren</translation>
    </message>
    <message>
        <source>Copy all details as text</source>
        <translation>Alle Details als Text kopieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>Nicht bekannt</translation>
    </message>
    <message>
        <source>{caption}:</source>
        <translation>{caption}:</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>In die Zwischenablage kopiert.</translation>
    </message>
</context>
<context>
    <name>ParticipantTableModel</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Customer no.</source>
        <translation>Kundennr.</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Veranstaltung</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation>Wird hinzugefügt…</translation>
    </message>
    <message>
        <source>Confirming…</source>
        <translation>Wird bestätigt…</translation>
    </message>
    <message>
        <source>Unconfirming…</source>
        <translation>Bestätigung wird zurückgenommen…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation>Wird entfernt…</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Not confirmed</source>
        <translation>Nicht bestätigt</translation>
    </message>
    <message>
        <source>Waiting to be sent to Plandocket. It will not be lost.</source>
        <translation>Wartet auf die Übermittlung an Plandocket. Die Änderung geht nicht verloren.</translation>
    </message>
    <message>
        <source>Contact %1</source>
        <translation>Kontakt %1</translation>
    </message>
</context>
<context>
    <name>ParticipantsController</name>
    <message>
        <source>Participant %1</source>
        <translation>Teilnehmer %1</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen:</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Bestätigen:</translation>
    </message>
    <message>
        <source>Unconfirm</source>
        <translation>Bestätigung zurücknehmen:</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Ändern:</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen:</translation>
    </message>
    <message>
        <source>A change needs your attention: see Problems.</source>
        <translation>Eine Änderung erfordert Ihre Aufmerksamkeit: siehe „Probleme“.</translation>
    </message>
    <message>
        <source>Plandocket refused this change.</source>
        <translation>Plandocket hat diese Änderung abgelehnt.</translation>
    </message>
</context>
<context>
    <name>ParticipationDialog</name>
    <message>
        <source>Working</source>
        <extracomment>``existing(event_key, customer_number)``: a loaded participation with these keys, if any. How long to wait for the outbox before the person may close the window anyway.</extracomment>
        <translation>Wird ausgeführt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>{who} already takes part in {event} ({state}).</source>
        <translation>{who} nimmt bereits an {event} teil ({state}).</translation>
    </message>
    <message>
        <source>{who} already takes part in {event}.</source>
        <translation>{who} nimmt bereits an {event} teil.</translation>
    </message>
    <message>
        <source>The change was handed over. The participant list shows how it went.</source>
        <translation>Die Änderung wurde übergeben. Das Ergebnis sehen Sie in der Teilnehmerliste.</translation>
    </message>
    <message>
        <source>Choose an event.</source>
        <translation>Wählen Sie eine Veranstaltung aus.</translation>
    </message>
    <message>
        <source>Enter the event key.</source>
        <translation>Geben Sie den Veranstaltungsschlüssel ein.</translation>
    </message>
    <message>
        <source>Choose one of the listed events, or type an event key (no spaces).</source>
        <translation>Wählen Sie eine der aufgeführten Veranstaltungen aus, oder geben Sie einen Veranstaltungsschlüssel ein (ohne Leerzeichen).</translation>
    </message>
    <message>
        <source>An event key contains no spaces.</source>
        <translation>Ein Veranstaltungsschlüssel enthält keine Leerzeichen.</translation>
    </message>
    <message>
        <source>Enter the customer number.</source>
        <translation>Geben Sie die Kundennummer ein.</translation>
    </message>
    <message>
        <source>Choose a contact from the list, or enter a customer number (no spaces).</source>
        <translation>Wählen Sie einen Kontakt aus der Liste aus, oder geben Sie eine Kundennummer ein (ohne Leerzeichen).</translation>
    </message>
    <message>
        <source>A customer number contains no spaces.</source>
        <translation>Eine Kundennummer enthält keine Leerzeichen.</translation>
    </message>
    <message>
        <source>The customer number contains invisible characters.</source>
        <translation>Die Kundennummer enthält unsichtbare Zeichen.</translation>
    </message>
    <message>
        <source>confirmed, last changed {day}</source>
        <translation>bestätigt, zuletzt geändert am {day}</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>bestätigt</translation>
    </message>
    <message>
        <source>not confirmed yet, added {day}</source>
        <translation>noch nicht bestätigt, hinzugefügt am {day}</translation>
    </message>
    <message>
        <source>not confirmed yet</source>
        <translation>noch nicht bestätigt</translation>
    </message>
    <message>
        <source>The contact with customer number {number}</source>
        <translation>Der Kontakt mit der Kundennummer {number}</translation>
    </message>
    <message>
        <source>The change could not be queued: {reason}</source>
        <translation>Die Änderung konnte nicht in die Warteschlange gestellt werden: {reason}</translation>
    </message>
    <message>
        <source>Plandocket is taking longer than usual. You can close this window: the change stays queued, and the participant list shows how it went.</source>
        <translation>Plandocket braucht länger als üblich. Sie können dieses Fenster schließen: Die Änderung bleibt in der Warteschlange, und das Ergebnis sehen Sie in der Teilnehmerliste.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>The change is kept in the Problems list.</source>
        <translation>Die Änderung bleibt in der Liste „Probleme“.</translation>
    </message>
    <message>
        <source>The change is still being sent. The participant list shows how it went.</source>
        <translation>Die Änderung wird noch gesendet. Das Ergebnis sehen Sie in der Teilnehmerliste.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Desk PIN</source>
        <translation>Schalter-PIN</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Number pad</source>
        <translation>Ziffernblock</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Wrong PIN. 1 try left.</source>
        <translation>Falsche PIN. Noch 1 Versuch.</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n tries left.</source>
        <translation>
            <numerusform>Falsche PIN. Noch %n Versuch.</numerusform>
            <numerusform>Falsche PIN. Noch %n Versuche.</numerusform>
        </translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Delete last digit</source>
        <translation>Letzte Ziffer löschen</translation>
    </message>
    <message>
        <source>Too many wrong tries. Try again in 1 second.</source>
        <translation>Zu viele Fehlversuche. Versuchen Sie es in 1 Sekunde erneut.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong tries. Try again in %n seconds.</source>
        <translation>
            <numerusform>Zu viele Fehlversuche. Versuchen Sie es in %n Sekunde erneut.</numerusform>
            <numerusform>Zu viele Fehlversuche. Versuchen Sie es in %n Sekunden erneut.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlandocketError</name>
    <message>
        <source>Enter the API key.</source>
        <translation>Geben Sie den API-Schlüssel ein.</translation>
    </message>
    <message>
        <source>The API key contains spaces or line breaks; paste it again.</source>
        <translation>Der API-Schlüssel enthält Leerzeichen oder Zeilenumbrüche; fügen Sie ihn erneut ein.</translation>
    </message>
    <message>
        <source>Plandocket sent a next-page link the app cannot follow.</source>
        <translation>Plandocket hat einen Link zur nächsten Seite gesendet, dem die App nicht folgen kann.</translation>
    </message>
    <message>
        <source>The answer was empty.</source>
        <translation>Die Antwort war leer.</translation>
    </message>
    <message>
        <source>The participant in the answer cannot be identified ({reason}).</source>
        <translation>Der Teilnehmer in der Antwort kann nicht identifiziert werden ({reason}).</translation>
    </message>
    <message>
        <source>Plandocket sent a {noun} the app cannot identify ({reason}).</source>
        <translation>Plandocket hat einen Eintrag ({noun}) gesendet, den die App nicht identifizieren kann ({reason}).</translation>
    </message>
    <message>
        <source>The request to Plandocket failed.</source>
        <translation>Die Anfrage an Plandocket ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The Plandocket address is not valid.</source>
        <translation>Die Plandocket-Adresse ist ungültig.</translation>
    </message>
    <message>
        <source>The connection to Plandocket was closed.</source>
        <translation>Die Verbindung zu Plandocket wurde geschlossen.</translation>
    </message>
    <message>
        <source>Plandocket did not accept the API key. It may be mistyped, revoked or expired.</source>
        <translation>Plandocket hat den API-Schlüssel nicht akzeptiert. Möglicherweise ist er falsch eingegeben, widerrufen oder abgelaufen.</translation>
    </message>
    <message>
        <source>The API key lacks the &apos;{scope}&apos; permission. Ask a Plandocket administrator to add the &apos;{scope}&apos; scope to the key under Settings &gt; API.</source>
        <translation>Dem API-Schlüssel fehlt die Berechtigung „{scope}“. Bitten Sie einen Plandocket-Administrator, dem Schlüssel unter Einstellungen &gt; API die Berechtigung „{scope}“ hinzuzufügen.</translation>
    </message>
    <message>
        <source>The API key is not allowed to do this.</source>
        <translation>Der API-Schlüssel ist dazu nicht berechtigt.</translation>
    </message>
    <message>
        <source>Plandocket does not know this item; someone may have removed it.</source>
        <translation>Plandocket kennt diesen Eintrag nicht; möglicherweise hat ihn jemand entfernt.</translation>
    </message>
    <message>
        <source>Plandocket rejected the data.</source>
        <translation>Plandocket hat die Daten abgelehnt.</translation>
    </message>
    <message>
        <source>Plandocket rejected the data: {details}</source>
        <translation>Plandocket hat die Daten abgelehnt: {details}</translation>
    </message>
    <message>
        <source>Plandocket&apos;s hourly request limit for this API key has been reached.</source>
        <translation>Das stündliche Anfragelimit von Plandocket für diesen API-Schlüssel ist erreicht.</translation>
    </message>
    <message>
        <source>Plandocket&apos;s hourly request limit for this API key has been reached. It can be used again in {seconds} seconds.</source>
        <translation>Das stündliche Anfragelimit von Plandocket für diesen API-Schlüssel ist erreicht. Der Schlüssel kann in {seconds} Sekunden wieder verwendet werden.</translation>
    </message>
    <message>
        <source>Plandocket&apos;s hourly request limit for this API key has been reached. It can be used again in {minutes} minutes.</source>
        <translation>Das stündliche Anfragelimit von Plandocket für diesen API-Schlüssel ist erreicht. Der Schlüssel kann in {minutes} Minuten wieder verwendet werden.</translation>
    </message>
    <message>
        <source>Plandocket had a problem handling the request. Try again in a moment.</source>
        <translation>Bei Plandocket ist beim Verarbeiten der Anfrage ein Problem aufgetreten. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Plandocket rejected the request.</source>
        <translation>Plandocket hat die Anfrage abgelehnt.</translation>
    </message>
    <message>
        <source>The Plandocket server could not be found. Check the address and the internet connection.</source>
        <translation>Der Plandocket-Server wurde nicht gefunden. Prüfen Sie die Adresse und die Internetverbindung.</translation>
    </message>
    <message>
        <source>The Plandocket server refused the connection. It may be down or the address may be wrong.</source>
        <translation>Der Plandocket-Server hat die Verbindung abgelehnt. Möglicherweise ist er nicht verfügbar, oder die Adresse ist falsch.</translation>
    </message>
    <message>
        <source>A secure connection to Plandocket could not be established (certificate problem). Check the address, the computer&apos;s clock and any proxy in between.</source>
        <translation>Es konnte keine sichere Verbindung zu Plandocket hergestellt werden (Zertifikatsproblem). Prüfen Sie die Adresse, die Uhrzeit des Computers und einen eventuell dazwischengeschalteten Proxy.</translation>
    </message>
    <message>
        <source>Plandocket did not answer in time. The connection may be slow or down.</source>
        <translation>Plandocket hat nicht rechtzeitig geantwortet. Möglicherweise ist die Verbindung langsam oder unterbrochen.</translation>
    </message>
    <message>
        <source>The connection to Plandocket was interrupted.</source>
        <translation>Die Verbindung zu Plandocket wurde unterbrochen.</translation>
    </message>
    <message>
        <source>Plandocket sent an answer the app cannot read.</source>
        <translation>Plandocket hat eine Antwort gesendet, die die App nicht lesen kann.</translation>
    </message>
    <message>
        <source>Plandocket had a problem handling the request (HTTP {status}). Try again in a moment.</source>
        <translation>Bei Plandocket ist beim Verarbeiten der Anfrage ein Problem aufgetreten (HTTP {status}). Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Plandocket rejected the request (HTTP {status}).</source>
        <translation>Plandocket hat die Anfrage abgelehnt (HTTP {status}).</translation>
    </message>
    <message>
        <source>Plandocket redirected the request to {location}. Check the Plandocket address.</source>
        <translation>Plandocket hat die Anfrage an {location} umgeleitet. Prüfen Sie die Plandocket-Adresse.</translation>
    </message>
    <message>
        <source>Plandocket answered with unexpected HTTP {status}.</source>
        <translation>Plandocket hat mit dem unerwarteten HTTP-Status {status} geantwortet.</translation>
    </message>
    <message>
        <source>Plandocket sent an answer that could not be decoded.</source>
        <translation>Plandocket hat eine Antwort gesendet, die nicht dekodiert werden konnte.</translation>
    </message>
    <message>
        <source>The request could not be sent to Plandocket.</source>
        <translation>Die Anfrage konnte nicht an Plandocket gesendet werden.</translation>
    </message>
    <message>
        <source>&apos;{address}&apos; is not a valid Plandocket address.</source>
        <translation>„{address}“ ist keine gültige Plandocket-Adresse.</translation>
    </message>
    <message>
        <source>Enter your Plandocket address, for example &apos;acme&apos; or &apos;acme.plandocket.com&apos;.</source>
        <translation>Geben Sie Ihre Plandocket-Adresse ein, zum Beispiel „acme“ oder „acme.plandocket.com“.</translation>
    </message>
    <message>
        <source>The Plandocket address must not contain a user name or password.</source>
        <translation>Die Plandocket-Adresse darf keinen Benutzernamen und kein Passwort enthalten.</translation>
    </message>
    <message>
        <source>The Plandocket address must start with https:// so the API key is never sent unencrypted.</source>
        <translation>Die Plandocket-Adresse muss mit https:// beginnen, damit der API-Schlüssel nie unverschlüsselt gesendet wird.</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Encoding</source>
        <extracomment>Rows the preview shows; the check page looks at all of them.</extracomment>
        <translation>Zeichenkodierung</translation>
    </message>
    <message>
        <source>How the file&apos;s characters are stored. Choose another if umlauts look wrong.</source>
        <translation>Wie die Zeichen der Datei gespeichert sind. Wählen Sie eine andere Kodierung, wenn Umlaute falsch angezeigt werden.</translation>
    </message>
    <message>
        <source>Delimiter</source>
        <translation>Trennzeichen</translation>
    </message>
    <message>
        <source>&amp;First row holds column names</source>
        <translation>&amp;Erste Zeile enthält Spaltennamen</translation>
    </message>
    <message>
        <source>First row holds column names</source>
        <translation>Erste Zeile enthält Spaltennamen</translation>
    </message>
    <message>
        <source>Column for the event key</source>
        <translation>Spalte für den Veranstaltungsschlüssel</translation>
    </message>
    <message>
        <source>Column for the customer number</source>
        <translation>Spalte für die Kundennummer</translation>
    </message>
    <message>
        <source>Column for confirmed</source>
        <translation>Spalte für „Bestätigt“</translation>
    </message>
    <message>
        <source>First rows of the file</source>
        <translation>Erste Zeilen der Datei</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>Zeichen&amp;kodierung:</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>&amp;Trennzeichen:</translation>
    </message>
    <message>
        <source>E&amp;vent key:</source>
        <translation>&amp;Veranstaltungsschlüssel:</translation>
    </message>
    <message>
        <source>C&amp;ustomer number:</source>
        <translation>K&amp;undennummer:</translation>
    </message>
    <message>
        <source>Co&amp;nfirmed:</source>
        <translation>&amp;Bestätigt:</translation>
    </message>
    <message>
        <source>How the file is read</source>
        <translation>Wie die Datei gelesen wird</translation>
    </message>
    <message>
        <source>Which column holds what</source>
        <translation>Welche Spalte was enthält</translation>
    </message>
    <message>
        <source>P&amp;review:</source>
        <translation>V&amp;orschau:</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>Windows-1252 (Western European)</source>
        <translation>Windows-1252 (Westeuropäisch)</translation>
    </message>
    <message>
        <source>ISO-8859-1 (Latin-1)</source>
        <translation>ISO-8859-1 (Latin-1)</translation>
    </message>
    <message>
        <source>UTF-16</source>
        <translation>UTF-16</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>Semikolon ( ; )</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>Komma ( , )</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Datei: %1</translation>
    </message>
    <message>
        <source>%1 (detected)</source>
        <translation>%1 (erkannt)</translation>
    </message>
    <message>
        <source>%1 with byte order mark (detected)</source>
        <translation>%1 mit BOM (erkannt)</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>Spalte %1</translation>
    </message>
    <message>
        <source>(none: all not confirmed)</source>
        <translation>(keine: alle nicht bestätigt)</translation>
    </message>
    <message>
        <source>(choose a column)</source>
        <translation>(Spalte auswählen)</translation>
    </message>
    <message>
        <source>%1 (e.g. %2)</source>
        <translation>%1 (z. B. %2)</translation>
    </message>
    <message>
        <source>event key</source>
        <translation>Veranstaltungsschlüssel</translation>
    </message>
    <message>
        <source>customer number</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>bestätigt</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>the first %1 of %2 rows</source>
        <translation>die ersten %1 von %2 Zeilen</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>Plandocket refused these changes. Retry them or discard them.</source>
        <translation>Plandocket hat diese Änderungen abgelehnt. Senden Sie sie erneut, oder verwerfen Sie sie.</translation>
    </message>
    <message>
        <source>About the problems list</source>
        <translation>Über die Problemliste</translation>
    </message>
    <message>
        <source>Changes that need your attention</source>
        <translation>Änderungen, die Ihre Aufmerksamkeit erfordern</translation>
    </message>
    <message>
        <source>No problems. Every change was delivered or is on its way.</source>
        <translation>Keine Probleme. Alle Änderungen wurden übermittelt oder sind unterwegs.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Send the selected changes again (Enter)</source>
        <translation>Ausgewählte Änderungen erneut senden (Enter)</translation>
    </message>
    <message>
        <source>&amp;Discard…</source>
        <translation>Verw&amp;erfen…</translation>
    </message>
    <message>
        <source>Give up the selected changes (Delete)</source>
        <translation>Ausgewählte Änderungen verwerfen (Delete)</translation>
    </message>
    <message>
        <source>Retry &amp;all</source>
        <translation>A&amp;lle wiederholen</translation>
    </message>
    <message>
        <source>Send every change in this list again</source>
        <translation>Alle Änderungen in dieser Liste erneut senden</translation>
    </message>
    <message>
        <source>Plandocket refused this change.</source>
        <translation>Plandocket hat diese Änderung abgelehnt.</translation>
    </message>
    <message>
        <source>Discard this change?

{label}</source>
        <translation>Diese Änderung verwerfen?

{label}</translation>
    </message>
    <message>
        <source>Discard {count} changes?</source>
        <translation>{count} Änderungen verwerfen?</translation>
    </message>
    <message>
        <source>They will not be sent to Plandocket; the table shows the old state.</source>
        <translation>Sie werden nicht an Plandocket gesendet; die Tabelle zeigt wieder den vorherigen Stand.</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Änderungen verwerfen</translation>
    </message>
</context>
<context>
    <name>RecentCheckins</name>
    <message>
        <source>Recent check-ins</source>
        <translation>Letzte Check-ins</translation>
    </message>
    <message>
        <source>No check-ins yet</source>
        <translation>Noch keine Check-ins</translation>
    </message>
    <message>
        <source>%1  %2 — %3</source>
        <translation>%1  %2 – %3</translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>undone</source>
        <translation>zurückgenommen</translation>
    </message>
</context>
<context>
    <name>RefreshPlanner</name>
    <message>
        <source>Close to the limit of {allowance}: the check-ins need what is left, so the list is not refreshed; the desk checks again in {wait}</source>
        <translation>Limit fast erreicht ({allowance}): Der Rest wird für Check-ins gebraucht, daher wird die Liste nicht aktualisiert; der Check-in-Schalter prüft in {wait} erneut</translation>
    </message>
    <message>
        <source>Close to the limit of {allowance}: refreshing now, after that only every {interval}</source>
        <translation>Limit fast erreicht ({allowance}): Jetzt wird aktualisiert, danach nur noch alle {interval}</translation>
    </message>
    <message>
        <source>Close to the limit of {allowance}: next refresh in {wait}, after that only every {interval}</source>
        <translation>Limit fast erreicht ({allowance}): Nächste Aktualisierung in {wait}, danach nur noch alle {interval}</translation>
    </message>
    <message>
        <source>Refreshing now (within {allowance})</source>
        <translation>Jetzt wird aktualisiert (innerhalb des Limits: {allowance})</translation>
    </message>
    <message>
        <source>Next refresh in {wait}: until then the requests left in the hour are kept for check-ins ({allowance})</source>
        <translation>Nächste Aktualisierung in {wait}: Bis dahin bleiben die restlichen Anfragen dieser Stunde für Check-ins reserviert ({allowance})</translation>
    </message>
    <message>
        <source>Next refresh in {wait} to stay within {allowance}</source>
        <translation>Nächste Aktualisierung in {wait}, um das Limit einzuhalten ({allowance})</translation>
    </message>
    <message>
        <source>Refreshing now; this plan has no hourly request limit</source>
        <translation>Jetzt wird aktualisiert; dieser Tarif hat kein stündliches Anfragelimit</translation>
    </message>
    <message>
        <source>Next refresh in {wait}; this plan has no hourly request limit</source>
        <translation>Nächste Aktualisierung in {wait}; dieser Tarif hat kein stündliches Anfragelimit</translation>
    </message>
    <message>
        <source>Plandocket&apos;s hourly request limit for this API key (shared by every desk using it) is used up; the desk tries again in {wait}</source>
        <translation>Das stündliche Anfragelimit von Plandocket für diesen API-Schlüssel (gemeinsam für alle Check-in-Schalter, die ihn verwenden) ist ausgeschöpft; der Check-in-Schalter versucht es in {wait} erneut</translation>
    </message>
    <message>
        <source>The list is refreshed once the waiting check-in is sent</source>
        <translation>Die Liste wird aktualisiert, sobald der wartende Check-in gesendet ist</translation>
    </message>
    <message>
        <source>The list is refreshed once the {count} waiting check-ins are sent</source>
        <translation>Die Liste wird aktualisiert, sobald die {count} wartenden Check-ins gesendet sind</translation>
    </message>
    <message>
        <source>{limit} requests/hour</source>
        <translation>{limit} Anfragen/Stunde</translation>
    </message>
    <message>
        <source>this desk&apos;s share of {limit} requests/hour ({share} for each of {desks} desks)</source>
        <translation>Anteil dieses Check-in-Schalters an {limit} Anfragen/Stunde ({share} für jeden der {desks} Check-in-Schalter)</translation>
    </message>
    <message>
        <source>{count} s</source>
        <translation>{count} s</translation>
    </message>
    <message>
        <source>{count} min</source>
        <translation>{count} min</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
</context>
<context>
    <name>RemoveConfirmationDialog</name>
    <message>
        <source>Remove Participation</source>
        <extracomment>How many participations the list names before &quot;and 27 more&quot;.</extracomment>
        <translation>Teilnahme entfernen</translation>
    </message>
    <message>
        <source>Remove Participations</source>
        <translation>Teilnahmen entfernen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Remove %n</source>
        <translation>
            <numerusform>%n &amp;entfernen</numerusform>
            <numerusform>%n &amp;entfernen</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n participations?</source>
        <translation>
            <numerusform>%n Teilnahme entfernen?</numerusform>
            <numerusform>%n Teilnahmen entfernen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove {contact} from {event}?</source>
        <translation>Teilnahme von {contact} an {event} entfernen?</translation>
    </message>
    <message>
        <source>The contact stays in Plandocket; only this participation is removed.</source>
        <translation>Der Kontakt bleibt in Plandocket erhalten; nur diese Teilnahme wird entfernt.</translation>
    </message>
    <message>
        <source>This participation is confirmed.</source>
        <translation>Diese Teilnahme ist bestätigt.</translation>
    </message>
    <message>
        <source>The contacts stay in Plandocket; only these participations are removed.</source>
        <translation>Die Kontakte bleiben in Plandocket erhalten; nur diese Teilnahmen werden entfernt.</translation>
    </message>
    <message numerus="yes">
        <source>%n of them are confirmed.</source>
        <translation>
            <numerusform>%n davon ist bestätigt.</numerusform>
            <numerusform>%n davon sind bestätigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Participations to remove</source>
        <translation>Zu entfernende Teilnahmen</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Veranstaltung</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weitere</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportModel</name>
    <message>
        <source>Row</source>
        <extracomment>Sorts the Row column by number rather than by text. The RowOutcome of a row (for the filter).</extracomment>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Event key</source>
        <translation>Veranstaltungsschlüssel</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Show rows</source>
        <translation>Angezeigte Zeilen</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Anzeigen:</translation>
    </message>
    <message>
        <source>Save &amp;report…</source>
        <translation>&amp;Bericht speichern…</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>Bericht speichern</translation>
    </message>
    <message>
        <source>Result of each row</source>
        <translation>Ergebnis jeder Zeile</translation>
    </message>
    <message>
        <source>All rows (%1)</source>
        <translation>Alle Zeilen (%1)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n added</source>
        <translation>
            <numerusform>%n hinzugefügt</numerusform>
            <numerusform>%n hinzugefügt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already participating</source>
        <translation>
            <numerusform>%n bereits angemeldet</numerusform>
            <numerusform>%n bereits angemeldet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invalid</source>
        <translation>
            <numerusform>%n ungültig</numerusform>
            <numerusform>%n ungültig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused by Plandocket</source>
        <translation>
            <numerusform>%n von Plandocket abgelehnt</numerusform>
            <numerusform>%n von Plandocket abgelehnt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queued to be sent later</source>
        <translation>
            <numerusform>%n zum späteren Senden in der Warteschlange</numerusform>
            <numerusform>%n zum späteren Senden in der Warteschlange</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not sent</source>
        <translation>
            <numerusform>%n nicht gesendet</numerusform>
            <numerusform>%n nicht gesendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not sent yet</source>
        <translation>
            <numerusform>%n noch nicht gesendet</numerusform>
            <numerusform>%n noch nicht gesendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n still sending</source>
        <translation>
            <numerusform>%n wird noch gesendet</numerusform>
            <numerusform>%n werden noch gesendet</numerusform>
        </translation>
    </message>
    <message>
        <source>The file had no rows to import.</source>
        <translation>Die Datei enthielt keine Zeilen zum Importieren.</translation>
    </message>
    <message>
        <source>%1.</source>
        <translation>%1.</translation>
    </message>
</context>
<context>
    <name>ScanInput</name>
    <message>
        <source>Scan a badge or type a name</source>
        <translation>Ausweis scannen oder Namen eingeben</translation>
    </message>
    <message>
        <source>Scan a badge or type a name, then Enter</source>
        <translation>Ausweis scannen oder Namen eingeben, dann Enter</translation>
    </message>
</context>
<context>
    <name>SendingPage</name>
    <message>
        <source>Adding the participants through the outbox. Rows already handed over are sent even if you stop; the others are not.</source>
        <translation>Die Teilnehmer werden über die Warteschlange hinzugefügt. Bereits übergebene Zeilen werden auch dann gesendet, wenn Sie abbrechen; die übrigen nicht.</translation>
    </message>
    <message>
        <source>Rows answered</source>
        <translation>Beantwortete Zeilen</translation>
    </message>
    <message>
        <source>Progress:</source>
        <translation>Fortschritt:</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>SetPinDialog</name>
    <message>
        <source>Set the desk PIN</source>
        <translation>Schalter-PIN festlegen</translation>
    </message>
    <message>
        <source>The PIN protects kiosk mode: it is asked for to leave it or change its settings. Use %1 to %2 digits.</source>
        <translation>Die PIN schützt den Kioskmodus: Sie wird abgefragt, um ihn zu verlassen oder seine Einstellungen zu ändern. Verwenden Sie %1 bis %2 Ziffern.</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>Neue PIN</translation>
    </message>
    <message>
        <source>Repeat the new PIN</source>
        <translation>Neue PIN wiederholen</translation>
    </message>
    <message>
        <source>Set PIN</source>
        <translation>PIN festlegen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>New PIN:</source>
        <translation>Neue PIN:</translation>
    </message>
    <message>
        <source>Repeat:</source>
        <translation>Wiederholen:</translation>
    </message>
    <message>
        <source>Use %1 to %2 digits.</source>
        <translation>Verwenden Sie %1 bis %2 Ziffern.</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>Die beiden PINs stimmen nicht überein.</translation>
    </message>
</context>
<context>
    <name>StartupSplash</name>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>%1 – starting</source>
        <translation>%1 – wird gestartet</translation>
    </message>
</context>
<context>
    <name>StopQuestionTexts</name>
    <message numerus="yes">
        <source>%n row(s) already handed over will still be sent.</source>
        <translation>
            <numerusform>%n bereits übergebene Zeile wird trotzdem gesendet.</numerusform>
            <numerusform>%n bereits übergebene Zeilen werden trotzdem gesendet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) will not be sent.</source>
        <translation>
            <numerusform>%n Zeile wird nicht gesendet.</numerusform>
            <numerusform>%n Zeilen werden nicht gesendet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ViewExport</name>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <extracomment>Show the progress dialog only for exports that take longer than this.</extracomment>
        <translation>CSV für Excel (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-Arbeitsmappe (*.xlsx)</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>Ansicht exportieren</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Exportfortschritt</translation>
    </message>
    <message>
        <source>Saving “%1”…</source>
        <translation>„%1“ wird gespeichert…</translation>
    </message>
    <message>
        <source>Exported to “%1”. Rows: %2</source>
        <translation>Nach „%1“ exportiert. Zeilen: %2</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>formatting</name>
    <message>
        <source>{day}, {time}</source>
        <extracomment>Shown for every value the server did not send.</extracomment>
        <translation>{day}, {time}</translation>
    </message>
    <message>
        <source>until {date}</source>
        <translation>bis {date}</translation>
    </message>
    <message>
        <source>an unknown contact</source>
        <translation>unbekannter Kontakt</translation>
    </message>
    <message>
        <source>contact {id}</source>
        <translation>Kontakt {id}</translation>
    </message>
    <message>
        <source>Contact {id}</source>
        <translation>Kontakt {id}</translation>
    </message>
    <message>
        <source>no customer number</source>
        <translation>keine Kundennummer</translation>
    </message>
    <message>
        <source>event {id}</source>
        <translation>Veranstaltung {id}</translation>
    </message>
    <message>
        <source>an unknown event</source>
        <translation>unbekannte Veranstaltung</translation>
    </message>
</context>
</TS>
