"""The window shown the moment the app is launched, while the rest of it loads.

A packaged app needs a moment to unpack its libraries and open the demo server or the
last connection; without a sign of life people launch it a second time. This module
imports nothing but Qt, so the splash is on screen before the app's own modules load.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from app import APP_NAME
from app.resources import resource_path

WIDTH, HEIGHT = 420, 170


def splash_pixmap() -> QPixmap:
    """The splash picture: the app icon, its name and "Starting…", scaled for the screen."""
    screen = QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    pixmap = QPixmap(int(WIDTH * ratio), int(HEIGHT * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QColor("#ffffff"))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#1565c0"))
    painter.drawRect(QRectF(0.5, 0.5, WIDTH - 1, HEIGHT - 1))
    icon = QIcon(str(resource_path("icons", "app.svg")))
    icon.paint(painter, 28, 37, 96, 96)
    title = QFont()
    title.setPointSizeF(title.pointSizeF() * 1.8)
    title.setBold(True)
    painter.setFont(title)
    painter.setPen(QColor("#0d47a1"))
    painter.drawText(QRectF(144, 40, WIDTH - 160, 50), Qt.AlignmentFlag.AlignVCenter, APP_NAME)
    painter.setFont(QFont())
    painter.setPen(QColor("#37474f"))
    painter.drawText(
        QRectF(144, 92, WIDTH - 160, 30),
        Qt.AlignmentFlag.AlignVCenter,
        QCoreApplication.translate("StartupSplash", "Starting…"),
    )
    painter.end()
    return pixmap


class StartupSplash(QLabel):
    """A frameless window with the splash picture; ``finish()`` closes it.

    Not QSplashScreen: on X11 its show() waits up to a second for the window manager to
    report the window exposed, which is the very delay a splash is meant to cover.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("startupSplash")
        self.setWindowFlags(Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
        self.setWindowTitle(
            QCoreApplication.translate("StartupSplash", "%1 – starting").replace("%1", APP_NAME)
        )
        self.setPixmap(splash_pixmap())
        self.setFixedSize(WIDTH, HEIGHT)
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            centre = screen.availableGeometry().center()
            self.move(centre.x() - WIDTH // 2, centre.y() - HEIGHT // 2)

    def finish(self, window: QWidget | None = None) -> None:
        """Close the splash (once ``window``, if given, has been shown)."""
        del window  # the main window is shown before this is called
        self.close()
        self.deleteLater()


def show_startup_splash() -> StartupSplash:
    """Show the splash now (call after QApplication exists, before heavy imports)."""
    splash = StartupSplash()
    splash.show()
    # Painted before returning: the import work that follows would otherwise delay it.
    QGuiApplication.processEvents()
    return splash
