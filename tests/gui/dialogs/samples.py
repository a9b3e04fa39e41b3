"""Sample participants with umlauts, and a fake outbox that hands out Submissions."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.domain import Category, Contact, Event, Participant
from app.ui.submission import Submission

EXPO = Event(
    id=7,
    event_key="EXPO26",
    title="Fachmesse Grün & Gärten 2026",
    date_from=date(2026, 12, 8),
    date_to=date(2026, 12, 11),
    city="Köln",
    country="DE",
    is_visible=True,
    participant_count=412,
)
SPRING = Event(
    id=8,
    event_key="FRUEH27",
    title="Frühjahrsmesse Zürich",
    date_from=date(2027, 3, 2),
    date_to=date(2027, 3, 4),
    city="Zürich",
    country="CH",
)
PAST = Event(
    id=3,
    event_key="EXPO25",
    title="Fachmesse Grün & Gärten 2025",
    date_from=date(2025, 12, 9),
    date_to=date(2025, 12, 12),
)
EVENTS = [PAST, SPRING, EXPO]

MUELLER = Contact(
    id=501,
    customer_number="10023",
    company_name="Müller GmbH",
    first_name="Hans",
    last_name="Müller",
    email="hans.mueller@mueller-gmbh.de",
    phone="+49 221 555 0123",
    city="Köln",
    country="DE",
)
MUELLER_TOO = Contact(
    id=502,
    customer_number="10077",
    company_name="Müller & Söhne KG",
    first_name="Jürgen",
    last_name="Müller",
    city="Düsseldorf",
)
NO_NUMBER = Contact(id=503, company_name="Müllerei Österreich")
ZOE = Contact(id=504, customer_number="20001", first_name="Zoë", last_name="Weiß")

EXHIBITOR = Category(
    id=2, category_key="exhibitor", title="Aussteller", parent_category_id=1, level=2, sort_order=10
)

PARTICIPANT = Participant(
    id=9001,
    event_id=EXPO.id,
    contact_id=MUELLER.id,
    is_confirmed=True,
    created_at=datetime(2026, 2, 14, 9, 30, tzinfo=UTC),
    updated_at=datetime(2026, 3, 3, 16, 5, tzinfo=UTC),
    category_id=EXHIBITOR.id,
    contact=MUELLER,
    event=EXPO,
    category=EXHIBITOR,
)
BARE = Participant(id=9002)


def many_participants(count: int) -> list[Participant]:
    """Participations of made-up companies in EXPO26, every third one confirmed."""
    names = ["Bäckerei Schäfer", "Öko-Gärtnerei Grünwald", "Blumen Löwe", "Gärtnerei Fröhlich"]
    return [
        Participant(
            id=10_000 + index,
            event_id=EXPO.id,
            is_confirmed=index % 3 == 0,
            contact=Contact(
                id=600 + index,
                customer_number=str(30_000 + index),
                company_name=f"{names[index % len(names)]} {index + 1}",
                first_name="Jörg",
                last_name="Käßmann",
            ),
            event=EXPO,
        )
        for index in range(count)
    ]


class FakeOutbox:
    """Records requests and returns a fresh Submission for each; tests settle it."""

    def __init__(self) -> None:
        self.requests: list[object] = []
        self.submissions: list[Submission] = []

    def __call__(self, request: object) -> Submission:
        self.requests.append(request)
        submission = Submission()
        self.submissions.append(submission)
        return submission

    @property
    def last(self) -> Submission:
        return self.submissions[-1]
