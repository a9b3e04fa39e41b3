"""Where exported files go: the remembered folder, a safe file name, the error in plain words."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

from app.office.export_writers import CONTEXT, OTHER_FAILURE, ExportError
from app.settings import EXPORT_FOLDER, Settings

# Characters Windows, macOS or Linux refuse in a file name, and control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_file_name(text: str, fallback: str = "export") -> str:
    """``text`` usable as a file name on every system (an event title may hold "/" or ":")."""
    name = _UNSAFE.sub(" ", text)
    name = re.sub(r"\s+", " ", name).strip(" .")
    return name[:120] or fallback


def last_folder(settings: Settings) -> Path:
    """The folder last saved to, or the Documents folder when none or it is gone."""
    remembered = settings.get(EXPORT_FOLDER)
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember_folder(settings: Settings, path: Path) -> None:
    """Start the next save dialog in the folder of ``path``."""
    settings.set(EXPORT_FOLDER, str(Path(path).parent))


def with_suffix(path: Path, suffix: str, known: tuple[str, ...]) -> Path:
    """``path`` ending in ``suffix`` unless the person typed one of the ``known`` suffixes."""
    return path if path.suffix.lower() in known else path.with_name(path.name + suffix)


def save_error_text(error: object, path: Path) -> str:
    """Why saving ``path`` failed, in the interface language, naming the file."""
    if isinstance(error, ExportError):
        # The templates are marked in export_writers (QT_TRANSLATE_NOOP) under CONTEXT.
        return error.text(QCoreApplication.translate(CONTEXT, error.template))
    return ExportError(
        QCoreApplication.translate(CONTEXT, OTHER_FAILURE), Path(path), str(error)
    ).text()
