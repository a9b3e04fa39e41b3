"""Banner: level shown by icon and words (not colour alone), actions, close, naming."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from app.ui.banner import Banner, BannerAction, BannerLevel

LONG = (
    "This computer offers no password store (keyring) to Participant Desk, so the API key "
    "is kept only until the app closes. The key you enter works until Participant Desk "
    "closes; it is asked for again at the next start."
)


@pytest.fixture
def banner(qtbot) -> Iterator[Banner]:
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    widget = Banner(host, object_name="mainBanner")
    layout.addWidget(widget)
    layout.addStretch(1)
    host.resize(560, 200)
    host.show()
    qtbot.waitExposed(host)
    yield widget  # the generator keeps ``host`` (and so the banner) alive for the test
    host.close()


def test_hidden_until_a_message_is_shown(banner: Banner):
    assert not banner.isVisible()
    assert banner.text() == ""


@pytest.mark.parametrize(
    ("level", "word"),
    [("info", "Information"), ("warning", "Warning"), ("error", "Error"), ("demo", "Demo data")],
)
def test_each_level_has_an_icon_and_an_accessible_name(banner: Banner, level: str, word: str):
    banner.show_message(level, "Something to know.")
    assert banner.isVisible()
    assert banner.level() is BannerLevel(level)
    assert banner.property("bannerLevel") == level
    assert banner.accessibleName() == f"{word}: Something to know."
    assert banner.accessibleDescription() == "Something to know."
    icon_label = banner.findChild(QLabel, "mainBannerIcon")
    assert icon_label is not None
    assert not icon_label.pixmap().isNull()
    assert icon_label.accessibleName() == word
    text = banner.findChild(QLabel, "mainBannerText")
    assert text is not None
    assert text.text() == "Something to know."


def test_long_text_wraps_instead_of_widening_the_window(banner: Banner, qtbot):
    banner.show_message(BannerLevel.WARNING, LONG)
    text = banner.findChild(QLabel, "mainBannerText")
    assert text is not None
    assert text.wordWrap()
    qtbot.waitUntil(lambda: banner.height() > 40)
    assert banner.width() <= 560


def test_text_is_shown_literally(banner: Banner):
    banner.show_message("error", "<b>not bold</b>")
    text = banner.findChild(QLabel, "mainBannerText")
    assert text is not None
    assert text.textFormat() == Qt.TextFormat.PlainText


def test_actions_run_their_callback_and_are_named(banner: Banner, qtbot):
    calls: list[str] = []
    banner.show_message(
        "error",
        "Plandocket did not accept the API key.",
        [
            ("Retry", lambda: calls.append("retry")),
            BannerAction("Enter key…", lambda: calls.append("key"), "enterKey"),
        ],
    )
    buttons = banner.action_buttons()
    assert [b.text() for b in buttons] == ["Retry", "Enter key…"]
    assert [b.objectName() for b in buttons] == [
        "mainBannerActionRetry",
        "mainBannerActionEnterkey",
    ]
    assert buttons[1].accessibleName() == "Enter key"
    with qtbot.waitSignal(banner.action_triggered) as signal:
        qtbot.mouseClick(buttons[1], Qt.MouseButton.LeftButton)
    assert signal.args == ["enterKey"]
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert calls == ["key", "retry"]

    banner.show_message("info", "Back online.")
    assert banner.action_buttons() == []
    qtbot.waitUntil(lambda: banner.findChild(QPushButton, "mainBannerActionRetry") is None)


def test_close_button_hides_and_signals(banner: Banner, qtbot):
    banner.show_message("warning", "Offline.", [("Retry", lambda: None)])
    close = banner.findChild(QToolButton, "mainBannerClose")
    assert close is not None
    assert close.accessibleName() == "Close message"
    with qtbot.waitSignal(banner.closed):
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    assert banner.text() == ""
    assert banner.action_buttons() == []


def test_clear_and_renaming(banner: Banner):
    banner.show_message("info", "Hello.", [("Open", lambda: None)])
    banner.setObjectName("otherBanner")
    assert banner.findChild(QLabel, "otherBannerText") is not None
    assert banner.action_buttons()[0].objectName() == "otherBannerActionOpen"
    banner.clear()
    assert not banner.isVisible()
    assert banner.accessibleName() == ""


def test_not_closable(qtbot):
    widget = Banner(closable=False)
    qtbot.addWidget(widget)
    widget.show_message("demo", "Demo data: changes are not sent to a live event.")
    close = widget.findChild(QToolButton, "bannerClose")
    assert close is not None
    assert not close.isVisible()


def test_rendering_every_level(qtbot, tmp_path: Path):
    host = QWidget()
    qtbot.addWidget(host)
    host.setObjectName("bannerGallery")
    layout = QVBoxLayout(host)
    for level, text, actions in [
        ("info", "Plandocket is reachable again; 3 queued changes were sent.", ()),
        ("warning", LONG, ()),
        (
            "error",
            "The API key lacks the 'participants' permission.",
            (("Enter key…", lambda: None),),
        ),
        ("demo", "Demo data: nothing you change here reaches a live event.", ()),
    ]:
        banner = Banner(host, object_name=f"banner_{level}")
        banner.show_message(level, text, actions)
        layout.addWidget(banner)
    host.resize(560, 320)
    host.show()
    qtbot.waitExposed(host)
    target = tmp_path / "banners.png"
    assert host.grab().save(str(target))
    assert target.stat().st_size > 1000
