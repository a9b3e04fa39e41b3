<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>BulkConfirmDialog</name>
    <message numerus="yes">
        <source>Confirm %n participants?</source>
        <translation>
            <numerusform>Confirm %n participant?</numerusform><numerusform>Confirm %n participants?</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Mark %n participants as not confirmed?</source>
        <translation>
            <numerusform>Mark %n participant as not confirmed?</numerusform><numerusform>Mark %n participants as not confirmed?</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Con&amp;firm %n</source>
        <translation>
            <numerusform>Con&amp;firm %n</numerusform><numerusform>Con&amp;firm %n</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>&amp;Unconfirm %n</source>
        <translation>
            <numerusform>&amp;Unconfirm %n</numerusform><numerusform>&amp;Unconfirm %n</numerusform></translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message numerus="yes">
        <source>Checking who already takes part took %n request(s).</source>
        <translation>
            <numerusform>Checking who already takes part took %n request.</numerusform><numerusform>Checking who already takes part took %n requests.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>About %n request(s) needed; this key has no hourly limit.</source>
        <translation>
            <numerusform>About %n request needed; this key has no hourly limit.</numerusform><numerusform>About %n requests needed; this key has no hourly limit.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>About %n request(s) needed</source>
        <translation>
            <numerusform>About %n request needed</numerusform><numerusform>About %n requests needed</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>That is more than this hour allows (%1 are kept for the check-in desks): the import waits for the limit and goes on by itself, about %n hour(s) in all. Keep the app open until it is done.</source>
        <translation>
            <numerusform>That is more than this hour allows (%1 are kept for the check-in desks): the import waits for the limit and goes on by itself, about %n hour in all. Keep the app open until it is done.</numerusform><numerusform>That is more than this hour allows (%1 are kept for the check-in desks): the import waits for the limit and goes on by itself, about %n hours in all. Keep the app open until it is done.</numerusform></translation>
    </message>
</context>
<context>
    <name>CheckinCounter</name>
    <message numerus="yes">
        <source>%Ln check-in waiting to be sent</source>
        <translation>
            <numerusform>%Ln check-in waiting to be sent</numerusform><numerusform>%Ln check-in waiting to be sent</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln check-ins waiting to be sent</source>
        <translation>
            <numerusform>%Ln check-in waiting to be sent</numerusform><numerusform>%Ln check-ins waiting to be sent</numerusform></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>&amp;Import %n participant(s)</source>
        <translation>
            <numerusform>&amp;Import %n participant</numerusform><numerusform>&amp;Import %n participants</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Import %n participant(s)</source>
        <translation>
            <numerusform>Import %n participant</numerusform><numerusform>Import %n participants</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Stopping: waiting for the answers to %n row(s) already handed over. They stay in the outbox and are sent in any case.</source>
        <translation>
            <numerusform>Stopping: waiting for the answers to %n row already handed over. They stay in the outbox and are sent in any case.</numerusform><numerusform>Stopping: waiting for the answers to %n rows already handed over. They stay in the outbox and are sent in any case.</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n confirmation(s) queued.</source>
        <translation>
            <numerusform>%n confirmation queued.</numerusform><numerusform>%n confirmations queued.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n un-confirmation(s) queued.</source>
        <translation>
            <numerusform>%n un-confirmation queued.</numerusform><numerusform>%n un-confirmations queued.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n removal(s) queued.</source>
        <translation>
            <numerusform>%n removal queued.</numerusform><numerusform>%n removals queued.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) copied.</source>
        <translation>
            <numerusform>%n row copied.</numerusform><numerusform>%n rows copied.</numerusform></translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message numerus="yes">
        <source>Wrong PIN. %n tries left.</source>
        <translation>
            <numerusform>Wrong PIN. %n try left.</numerusform><numerusform>Wrong PIN. %n tries left.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong tries. Try again in %n seconds.</source>
        <translation>
            <numerusform>Too many wrong tries. Try again in %n second.</numerusform><numerusform>Too many wrong tries. Try again in %n seconds.</numerusform></translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform><numerusform>%n rows</numerusform></translation>
    </message>
</context>
<context>
    <name>RemoveConfirmationDialog</name>
    <message numerus="yes">
        <source>&amp;Remove %n</source>
        <translation>
            <numerusform>&amp;Remove %n</numerusform><numerusform>&amp;Remove %n</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Remove %n participations?</source>
        <translation>
            <numerusform>Remove %n participation?</numerusform><numerusform>Remove %n participations?</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n of them are confirmed.</source>
        <translation>
            <numerusform>%n of them is confirmed.</numerusform><numerusform>%n of them are confirmed.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform><numerusform>and %n more</numerusform></translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message numerus="yes">
        <source>%n added</source>
        <translation>
            <numerusform>%n added</numerusform><numerusform>%n added</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n already participating</source>
        <translation>
            <numerusform>%n already participating</numerusform><numerusform>%n already participating</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n invalid</source>
        <translation>
            <numerusform>%n invalid</numerusform><numerusform>%n invalid</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n refused by Plandocket</source>
        <translation>
            <numerusform>%n refused by Plandocket</numerusform><numerusform>%n refused by Plandocket</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n queued to be sent later</source>
        <translation>
            <numerusform>%n queued to be sent later</numerusform><numerusform>%n queued to be sent later</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n not sent</source>
        <translation>
            <numerusform>%n not sent</numerusform><numerusform>%n not sent</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n not sent yet</source>
        <translation>
            <numerusform>%n not sent yet</numerusform><numerusform>%n not sent yet</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n still sending</source>
        <translation>
            <numerusform>%n still sending</numerusform><numerusform>%n still sending</numerusform></translation>
    </message>
</context>
<context>
    <name>StopQuestionTexts</name>
    <message numerus="yes">
        <source>%n row(s) already handed over will still be sent.</source>
        <translation>
            <numerusform>%n row already handed over will still be sent.</numerusform><numerusform>%n rows already handed over will still be sent.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) will not be sent.</source>
        <translation>
            <numerusform>%n row will not be sent.</numerusform><numerusform>%n rows will not be sent.</numerusform></translation>
    </message>
</context>
</TS>