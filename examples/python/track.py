# track.py: log to `tracker exec` from Python with no package to install.
# Copy these lines into your script, or put this file beside it and
# `from track import track`. Outside `tracker exec` every call does nothing.
import json, os
_fd = os.environ.get("TRACKER_FD")
_out = os.fdopen(int(_fd), "w", buffering=1) if _fd else None
def track(**msg):
    if _out: _out.write(json.dumps(msg) + "\n")
