"""The seeded, deterministic sandbox dataset: contacts, events, categories, participants.

Everything comes from one ``random.Random(seed)``, so the same seed always gives the same
ids, names and confirmation states, which tests rely on. Names are deliberately full of
umlauts and accents: a client that mangles "Müller" or "Łukasz" must fail in the sandbox
rather than at a customer's desk.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime

from app.sandbox.records import CategoryRecord, ContactRecord, EventRecord, ParticipantRecord

# Fixed event keys: tests and the demo refer to them by name.
EXPO_KEY = "EXPO26"
CONF_KEY = "CONF26"
WORKSHOP_KEY = "WS26"
SUMMIT_KEY = "SUMMIT27"
BIG_KEY = "BIG"

EXPO_SIZE = 600
CONF_SIZE = 2_500
WORKSHOP_SIZE = 24
# Contacts taking part in nothing, for "add participant" and walk-in scenarios.
FREE_CONTACTS = 300
# Contacts without a customer number cannot be addressed through the API at all.
NO_NUMBER_IN_CONF = 3
NO_NUMBER_FREE = 3
# Contacts that take part in both the trade show and the conference.
EXPO_CONF_OVERLAP = 100
CONFIRMED_SHARE = 0.35

# Separate id ranges make a client that mixes up contact and participant ids fail loudly.
FIRST_CONTACT_ID = 20_001
FIRST_CUSTOMER_NUMBER = 10_001
FIRST_BIG_CUSTOMER_NUMBER = 900_001

FIRST_NAMES = (
    "Jürgen", "Björk", "François", "Søren", "Łukasz", "José", "Zoë", "Anaïs", "Øyvind",
    "Müge", "Çağla", "Renée", "Jörg", "Åsa", "Małgorzata", "Inés", "Hélène", "Dóra",
    "Grzegorz", "Mathilde", "Ümit", "Željko", "Sébastien", "Agnès", "Bärbel", "Thorsten",
    "Anna", "Peter", "Maria", "Thomas", "Julia", "Michael", "Sarah", "Jonas", "Lea", "Paul",
)  # fmt: skip
LAST_NAMES = (
    "Müller", "Çelik", "Ørsted", "Gómez", "Nowak", "Dvořák", "Schäfer", "Öztürk", "Lefèvre",
    "Håkansson", "Grünewald", "Jiménez", "Kowalczyk", "Weiß", "Søndergaard", "Fernández",
    "Núñez", "Brontë", "Wójcik", "Đorđević", "Østergaard", "Björnsson", "Böhm", "Krüger",
    "Schmidt", "Meyer", "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Klein", "Wolf",
)  # fmt: skip
COMPANY_STEMS = (
    "Ørsted", "Müller & Söhne", "Société Lumière", "Björk Design", "Grünwerk",
    "Çelik Yapı",
    "Société Générale des Écrans", "Brückenbau Köhler", "Fjällräv Möbler", "Łódzkie Tekstylia",
    "Café Crème", "Stahlbau Weiß", "Häagen Systems", "Øresund Logistik", "Zürcher Präzision",
    "Bäckerei Groß", "Señor Pimentón", "Märklin-Nord", "Ærø Maritime", "Dvořák Akustik",
    "Nordlicht Messebau", "Alpenglühen Events", "Škoda-Partner Süd", "Garçon Média",
)  # fmt: skip
LEGAL_FORMS = (
    "GmbH", "AG", "S.A.", "SARL", "AB", "ApS", "Sp. z o.o.", "S.L.", "Ltd", "KG",
    "GmbH & Co. KG", "e.K.", "A/S", "AS", "s.r.o.", "",
)  # fmt: skip
# (city, ISO country, phone prefix)
CITIES = (
    ("München", "DE", "+49 89"), ("Köln", "DE", "+49 221"), ("Düsseldorf", "DE", "+49 211"),
    ("Berlin", "DE", "+49 30"), ("Hamburg", "DE", "+49 40"), ("Zürich", "CH", "+41 44"),
    ("Genève", "CH", "+41 22"), ("Wien", "AT", "+43 1"), ("Malmö", "SE", "+46 40"),
    ("Göteborg", "SE", "+46 31"), ("Kraków", "PL", "+48 12"), ("Łódź", "PL", "+48 42"),
    ("København", "DK", "+45 3"), ("Aarhus", "DK", "+45 8"), ("Besançon", "FR", "+33 3"),
    ("Orléans", "FR", "+33 2"), ("Málaga", "ES", "+34 952"), ("A Coruña", "ES", "+34 981"),
    ("Tromsø", "NO", "+47 77"), ("Reykjavík", "IS", "+354 5"), ("İstanbul", "TR", "+90 212"),
    ("Brno", "CZ", "+420 5"),
)  # fmt: skip
EMAIL_DOMAINS = ("example.com", "example.org", "example.net", "example.de")

# Letters NFKD cannot take apart into a base letter plus accents.
_ASCII_EXTRA = str.maketrans(
    {"ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "æ": "ae", "Æ": "AE", "đ": "d",
     "Đ": "D", "ı": "i", "&": "", "'": "", "-": ""}
)  # fmt: skip
_GERMAN_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters and digits only, for e-mail addresses ("Jürgen" -> "juergen")."""
    text = text.translate(_GERMAN_UMLAUTS).translate(_ASCII_EXTRA)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum()).lower()


@dataclass(frozen=True, slots=True)
class Dataset:
    """One generated dataset; immutable, so a store can be reset from it cheaply."""

    seed: int
    contacts: tuple[ContactRecord, ...]
    events: tuple[EventRecord, ...]
    categories: tuple[CategoryRecord, ...]
    participants: tuple[ParticipantRecord, ...]


CATEGORIES = (
    CategoryRecord(1, "exhibitor", "Exhibitor", None, 0, 10),
    CategoryRecord(2, "main_exhibitor", "Main exhibitor", 1, 1, 11),
    CategoryRecord(3, "co_exhibitor", "Co-exhibitor", 1, 1, 12),
    CategoryRecord(4, "visitor", "Visitor", None, 0, 20),
    CategoryRecord(5, "trade_visitor", "Trade visitor", 4, 1, 21),
    CategoryRecord(6, "speaker", "Speaker", None, 0, 30),
    CategoryRecord(7, "press", "Press", None, 0, 40),
    CategoryRecord(8, "sponsor", "Sponsor", None, 0, 50),
    CategoryRecord(9, "staff", "Staff", None, 0, 60),
)

EVENTS = (
    EventRecord(101, EXPO_KEY, "Fachmesse Grün & Gärten 2026", date(2026, 12, 8),
                date(2026, 12, 11), "Köln", "DE", True),
    EventRecord(102, CONF_KEY, "Digitale Führung – Konferenz 2026", date(2026, 10, 14),
                date(2026, 10, 15), "München", "DE", True),
    EventRecord(103, WORKSHOP_KEY, "Workshop: Barrierefreie Messestände", date(2026, 3, 12),
                date(2026, 3, 12), "Zürich", "CH", False),
    EventRecord(104, SUMMIT_KEY, "Plandocket Summit 2027", date(2027, 6, 10),
                date(2027, 6, 11), "Malmö", "SE", True),
)  # fmt: skip
BIG_EVENT = EventRecord(
    105, BIG_KEY, "Großveranstaltung Lasttest", date(2027, 2, 1), date(2027, 2, 5),
    "Düsseldorf", "DE", True,
)  # fmt: skip

# Category weights per event: (category id or None, weight).
_EXPO_CATEGORIES = ((2, 70), (3, 20), (8, 5), (7, 5))
_CONF_CATEGORIES = ((4, 66), (5, 10), (6, 8), (7, 4), (8, 3), (9, 4), (None, 5))
_WORKSHOP_CATEGORIES = ((4, 20), (6, 4))

_US = 1_000_000
_DAY_US = 86_400 * _US


def _epoch_us(year: int, month: int, day: int) -> int:
    return int(datetime(year, month, day, tzinfo=UTC).timestamp()) * _US


_EARLY_WINDOW = (_epoch_us(2026, 1, 5), _epoch_us(2026, 9, 30))
_BIG_WINDOW = (_epoch_us(2026, 6, 1), _epoch_us(2026, 11, 30))


class _ContactFactory:
    """Makes contacts from one random draw each, so 100,000 of them stay cheap."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._first_slugs = [ascii_slug(name) for name in FIRST_NAMES]
        self._last_slugs = [ascii_slug(name) for name in LAST_NAMES]
        self._companies = [
            f"{stem} {form}".strip() for stem in COMPANY_STEMS for form in LEGAL_FORMS
        ]
        self._company_slugs = [ascii_slug(stem) for stem in COMPANY_STEMS]

    def make(
        self, contact_id: int, customer_number: str | None, company_bias: int
    ) -> ContactRecord:
        """One contact; ``company_bias`` (0-10): how likely it is a company, not a person."""
        bits = self._rng.getrandbits(64)
        first_i = bits % len(FIRST_NAMES)
        last_i = (bits >> 6) % len(LAST_NAMES)
        city, country, prefix = CITIES[(bits >> 12) % len(CITIES)]
        company_i = (bits >> 17) % len(self._companies)
        kind = (bits >> 27) % 10
        domain = EMAIL_DOMAINS[(bits >> 31) % len(EMAIL_DOMAINS)]
        extras = (bits >> 33) % 100
        digits = (bits >> 40) % 9_000_000 + 1_000_000

        has_company = kind < company_bias
        has_person = not has_company or kind % 2 == 0
        company = self._companies[company_i] if has_company else None
        first = FIRST_NAMES[first_i] if has_person else None
        last = LAST_NAMES[last_i] if has_person else None
        if has_company:
            slug = self._company_slugs[company_i // len(LEGAL_FORMS)]
            local = (
                f"{self._first_slugs[first_i]}.{self._last_slugs[last_i]}" if has_person else "info"
            )
            email = f"{local}@{slug}.{domain}"
        else:
            person = f"{self._first_slugs[first_i]}.{self._last_slugs[last_i]}"
            email = f"{person}{contact_id % 1000}@{domain}"
        return ContactRecord(
            id=contact_id,
            customer_number=customer_number,
            company_name=company,
            first_name=first,
            last_name=last,
            email=None if extras < 3 else email,
            phone=None if extras >= 95 else f"{prefix} {digits}",
            city=city,
            country=country,
        )


def _pick_category(rng: random.Random, weights: tuple[tuple[int | None, int], ...]) -> int | None:
    total = sum(weight for _, weight in weights)
    roll = rng.randrange(total)
    for category_id, weight in weights:
        if roll < weight:
            return category_id
        roll -= weight
    raise AssertionError("unreachable: roll is below the total weight")


def generate(seed: int = 1, big_event_participants: int = 0) -> Dataset:
    """Build the dataset for ``seed``; ``big_event_participants`` > 0 adds the "BIG" event."""
    if big_event_participants < 0:
        raise ValueError("big_event_participants must be >= 0")
    rng = random.Random(seed)
    factory = _ContactFactory(rng)

    # Roles by position in a shuffled list, so the role says nothing about the id.
    pool = CONF_SIZE + (EXPO_SIZE - EXPO_CONF_OVERLAP)
    total = pool + FREE_CONTACTS + NO_NUMBER_FREE
    numbers = list(range(FIRST_CUSTOMER_NUMBER, FIRST_CUSTOMER_NUMBER + total))
    rng.shuffle(numbers)
    ids = list(range(FIRST_CONTACT_ID, FIRST_CONTACT_ID + total))
    rng.shuffle(ids)
    conf_ids = ids[:CONF_SIZE]
    expo_only_ids = ids[CONF_SIZE:pool]
    free_ids = ids[pool:]
    expo_ids = expo_only_ids + rng.sample(conf_ids, EXPO_CONF_OVERLAP)
    overlap = set(expo_ids) & set(conf_ids)
    workshop_ids = rng.sample(sorted(overlap), WORKSHOP_SIZE // 2) + rng.sample(
        sorted(set(conf_ids) - overlap), WORKSHOP_SIZE // 2
    )
    no_number = set(rng.sample(conf_ids, NO_NUMBER_IN_CONF)) | set(free_ids[-NO_NUMBER_FREE:])
    # A few hand-assigned customer numbers, as tenants do for key accounts.
    hand_assigned = set(rng.sample(expo_ids, 5))
    expo_set = set(expo_ids)

    contacts: list[ContactRecord] = []
    for index, contact_id in enumerate(sorted(ids)):
        if contact_id in no_number:
            number: str | None = None
        elif contact_id in hand_assigned:
            number = f"M-{numbers[index] % 10_000:04d}"
        else:
            number = str(numbers[index])
        contacts.append(factory.make(contact_id, number, 8 if contact_id in expo_set else 4))

    # (created_us, event_id, contact_id, category_id)
    rows: list[tuple[int, int, int, int | None]] = []
    low, high = _EARLY_WINDOW
    for event, members, weights in (
        (EVENTS[0], expo_ids, _EXPO_CATEGORIES),
        (EVENTS[1], conf_ids, _CONF_CATEGORIES),
        (EVENTS[2], workshop_ids, _WORKSHOP_CATEGORIES),
    ):
        for contact_id in members:
            created = rng.randrange(low, high) // _US * _US  # whole seconds, like the real service
            rows.append((created, event.id, contact_id, _pick_category(rng, weights)))
    rows.sort()

    participants: list[ParticipantRecord] = []
    next_id = 0
    for created, event_id, contact_id, category_id in rows:
        next_id += 1 if rng.random() < 0.97 else 2  # gaps: some participations were removed
        confirmed = rng.random() < CONFIRMED_SHARE
        updated = (
            created + rng.randrange(_DAY_US, 30 * _DAY_US) // _US * _US if confirmed else created
        )
        participants.append(
            ParticipantRecord(
                next_id, event_id, contact_id, category_id, confirmed, created, updated
            )
        )

    events = list(EVENTS)
    if big_event_participants:
        events.append(BIG_EVENT)
        _add_big_event(
            rng=rng,
            factory=factory,
            size=big_event_participants,
            contacts=contacts,
            participants=participants,
            last_id=next_id,
        )

    return Dataset(seed, tuple(contacts), tuple(events), CATEGORIES, tuple(participants))


def _add_big_event(
    *,
    rng: random.Random,
    factory: _ContactFactory,
    size: int,
    contacts: list[ContactRecord],
    participants: list[ParticipantRecord],
    last_id: int,
) -> None:
    """Append ``size`` participants of the BIG event, each with a contact of its own."""
    first_contact = contacts[-1].id + 1
    low, high = _BIG_WINDOW
    step = (high - low) // size
    for offset in range(size):
        contact_id = first_contact + offset
        contacts.append(factory.make(contact_id, str(FIRST_BIG_CUSTOMER_NUMBER + offset), 3))
        bits = rng.getrandbits(32)
        # Monotonic creation times keep ids and created_at in the same order without a sort.
        created = (low + offset * step) // _US * _US
        confirmed = bits % 100 < CONFIRMED_SHARE * 100
        updated = created + (bits >> 8) % (20 * _DAY_US // _US) * _US if confirmed else created
        category = 4 if (bits >> 7) % 10 else 5
        participants.append(
            ParticipantRecord(
                last_id + 1 + offset,
                BIG_EVENT.id,
                contact_id,
                category,
                confirmed,
                created,
                updated,
            )
        )
