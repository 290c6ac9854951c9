"""``padplanner serve`` in a real headless Chromium: the caseload appears in the page.

Chromium is Debian's package (``.ci/run`` installs it); it is driven over the DevTools
protocol with aiohttp's websocket client (textual-serve brings aiohttp), so no browser is
downloaded. The terminal is drawn on a canvas, so the test reads what the page received:
a script injected before the page loads keeps every message of its websocket, and the
caseload's names must be among them, with the terminal (``.xterm``) in the page.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import attrs
import pytest

from padplanner.clientfile import load_client

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("Annelies Brouwer", "Tomasz Kowalczyk")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,800",
    "--remote-debugging-port=0",
)
CAPTURE = """
(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.__received = [];
  const keep = (data) => {
    if (typeof data === "string") { window.__received.push(data); }
    else if (data instanceof ArrayBuffer) {
      window.__received.push(decoder.decode(new Uint8Array(data)));
    } else if (data instanceof Blob) {
      data.arrayBuffer().then((b) => window.__received.push(decoder.decode(new Uint8Array(b))));
    }
  };
  function Capturing(url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    socket.addEventListener("message", (event) => keep(event.data));
    return socket;
  }
  Capturing.prototype = Native.prototype;
  Object.assign(Capturing, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  window.WebSocket = Capturing;
})();
"""
CHECK = "JSON.stringify({text: (window.__received || []).join(''), xterm: !!document.querySelector('.xterm')})"


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but chromium is not installed (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if process.poll() is not None:
            raise AssertionError(f"padplanner serve ended: {process.stderr.read()}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError("padplanner serve did not listen")


def devtools_url(browser: subprocess.Popen, seconds: float = 30) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        line = browser.stderr.readline()
        if "DevTools listening on" in line:
            return line.split("DevTools listening on", 1)[1].strip()
        if not line and browser.poll() is not None:
            break
    raise AssertionError("chromium did not start its DevTools endpoint")


async def page_text(endpoint: str, url: str, names: tuple[str, ...], seconds: float = 60) -> dict:
    import aiohttp

    ids = iter(range(1, 10_000))

    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(endpoint, max_msg_size=0) as ws,
    ):

        async def call(method: str, params: dict | None = None, session_id: str | None = None):
            message = {"id": next(ids), "method": method, "params": params or {}}
            if session_id:
                message["sessionId"] = session_id
            await ws.send_str(json.dumps(message))
            while True:
                answer = json.loads((await ws.receive()).data)
                if answer.get("id") == message["id"]:
                    if "error" in answer:
                        raise AssertionError(answer["error"])
                    return answer["result"]

        target = (await call("Target.createTarget", {"url": "about:blank"}))["targetId"]
        attached = await call("Target.attachToTarget", {"targetId": target, "flatten": True})
        sid = attached["sessionId"]
        await call("Page.enable", session_id=sid)
        await call("Page.addScriptToEvaluateOnNewDocument", {"source": CAPTURE}, sid)
        await call("Page.navigate", {"url": url}, sid)
        end = time.monotonic() + seconds
        seen: dict = {}
        while time.monotonic() < end:
            result = await call("Runtime.evaluate", {"expression": CHECK}, sid)
            seen = json.loads(result["result"].get("value") or "{}")
            if seen.get("xterm") and all(name in seen.get("text", "") for name in names):
                return seen
            await asyncio.sleep(0.5)
        return seen


def test_the_caseload_appears_in_a_real_browser(tmp_path):
    binary = chromium()
    from padplanner.store import open_store

    url = f"sqlite:///{tmp_path / 'caseload.db'}"
    amal = load_client(ROOT / "examples" / "clients" / "amal.toml")
    with open_store(url) as store:
        for n, name in enumerate(NAMES):
            store.add_person(attrs.evolve(amal, id=f"web-{n}", name=name, bsn=None), "tester")
    port = free_port()
    env = {**os.environ, "PADPLANNER_DISABLE_PLUGINS": "1", "PADPLANNER_LANG": "nl"}
    server = subprocess.Popen(
        [sys.executable, "-m", "padplanner", "serve", "--port", str(port), "--db", url],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    browser = None
    profile = tempfile.mkdtemp(prefix="chromium-", dir=tmp_path)
    try:
        wait_for_port(port, server)
        browser = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        endpoint = devtools_url(browser)
        seen = asyncio.run(page_text(endpoint, f"http://127.0.0.1:{port}/", NAMES))
        assert seen.get("xterm"), "the page has no terminal"
        for name in NAMES:
            assert name in seen.get("text", ""), f"{name} not in the page"
        assert "lokaal" in seen["text"]  # the header says it runs on a local file
    finally:
        for process in (browser, server):
            if process is not None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
