"""Fetching and parsing participant lists away from the GUI process's GIL.

Parsing 100k participants is seconds of Python work. Done in a thread of the GUI process, it
competes for the GIL with every call Qt makes into Python while painting the table (about a
thousand per repaint), which measured as stalls of 300-600 ms. A loader process has its own
GIL and core; the GUI thread only unpickles finished pages (about 1 ms each).
"""

from app.loading.messages import Connection, LoadRequest, PageMessage, StatusMessage
from app.loading.process import LoaderProcess

__all__ = ["Connection", "LoadRequest", "LoaderProcess", "PageMessage", "StatusMessage"]
