"""Sends events to OpenClone from Python, standard library only.

Batches events (at most 500 per request), retries 429 (honouring Retry-After) and server or network errors with
exponential backoff and jitter, never retries other 4xx answers, and gives every event a raw_ref so that running
it twice stores each event once.

    OPENCLONE_URL=http://127.0.0.1:8000 API_KEY=... python3 docs/examples/python/send.py
"""
import json
import os
import random
import time
import urllib.error
import urllib.request

URL = os.environ.get("OPENCLONE_URL", "http://127.0.0.1:8000").rstrip("/") + "/api/v1/ingest"
KEY = os.environ["API_KEY"]


def post(body):
    """POSTs one batch; returns the server's answer, retrying what can succeed later."""
    data = json.dumps(body).encode()
    for attempt in range(5):
        request = urllib.request.Request(URL, data=data, method="POST",
                                         headers={"Content-Type": "application/json", "X-API-Key": KEY})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            if error.code == 429:
                time.sleep(int(error.headers.get("Retry-After", "1")))
            elif error.code >= 500:
                time.sleep(random.uniform(0.2, min(4, 0.5 * 2 ** attempt)))
            else:
                raise SystemExit(f"refused ({error.code}): {error.read().decode()}")
        except urllib.error.URLError as error:
            if attempt >= 2:  # no server: say so in seconds, not after a minute
                raise SystemExit(f"cannot reach OpenClone at {URL}: {error.reason} (is it running?)")
            time.sleep(random.uniform(0.2, 0.5 * 2 ** attempt))
    raise SystemExit("gave up: the server keeps failing")


def send(events, batch_size=100):
    now = time.time()
    for start in range(0, len(events), batch_size):
        answer = post({"source_type": "braindump", "platform": "linux", "device_id": "example-python",
                       "plugin_id": "example-python", "plugin_version": "1.0.0", "timestamp": now,
                       "events": events[start:start + batch_size]})
        print(json.dumps(answer))


if __name__ == "__main__":
    captured = time.time()
    send([{"timestamp": captured, "raw_ref": f"example-python-{n}",
           "data": {"text": f"Hello from the Python example, event {n}"}} for n in range(1, 4)])
