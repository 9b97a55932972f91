"""The LLM backend against a tiny OpenAI-compatible server on 127.0.0.1 with canned answers."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest

from sitrep.errors import ConfigError, ExtractionError
from sitrep.events.extract import get_extractor
from sitrep.events.llm import LLMExtractor, LLMSettings
from sitrep.models import Document

TEXT = ("BAGHDAD — Rockets struck Ain al-Asad air base on Monday, injuring two US service "
        "members. In January 2020, Iran fired ballistic missiles at the same base.")  # fmt: skip


class FakeOpenAI(BaseHTTPRequestHandler):
    """Answers /v1/chat/completions with the JSON queued on the server."""

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length", "0"))
        request = json.loads(self.rfile.read(length))
        self.server.requests.append(request)  # type: ignore[attr-defined]
        content = self.server.answer  # type: ignore[attr-defined]
        if self.path != "/v1/chat/completions":
            self.send_response(404)
            self.end_headers()
            return
        body = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    httpd = HTTPServer(("127.0.0.1", 0), FakeOpenAI)
    httpd.requests = []  # type: ignore[attr-defined]
    httpd.answer = "{}"  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def backend(server: HTTPServer) -> LLMExtractor:
    host, port = server.server_address[:2]
    return LLMExtractor(LLMSettings(url=f"http://{host}:{port}/v1", model="fake", timeout=5))


DOC = Document(id="a1", text=TEXT, published=datetime(2024, 1, 24), outlet="Wire")


def test_llm_events_are_coded_and_cited_exactly(server):
    server.answer = json.dumps({"events": [
        {"sentence": "Rockets struck Ain al-Asad air base on Monday, injuring two US service members.",
         "sub_event_type": "Shelling/artillery/missile attack", "event_date": "2024-01-22",
         "date_precision": "day", "actor1": "Unidentified Armed Group (Iraq)", "inter1": 3,
         "actor2": "Military Forces of the United States (2021-)", "inter2": 8,
         "location": "Ain al-Asad Air Base", "admin1": "Al Anbar", "country": "Iraq",
         "geo_precision": 1, "fatalities": 0, "injuries": 2, "modality": "reported"},
        {"sentence": "In January 2020, Iran fired ballistic missiles at the same base.",
         "sub_event_type": "Shelling/artillery/missile attack", "event_date": "2024-01-24",
         "date_precision": "day", "background": True, "fatalities": 0},
    ]})  # fmt: skip
    analysis = backend(server).extract(DOC)
    first, second = analysis.events
    assert first.event_type == "Explosions/Remote violence"
    assert first.interaction == 38
    assert first.notes and first.notes.startswith("On 22 January 2024,")
    for event in analysis.events:
        (source,) = event.sources
        assert TEXT[source.start : source.end] == source.sentence
    # a background event the model dated at publication loses that date
    assert second.background and second.event_date is None
    request = server.requests[0]
    assert request["model"] == "fake"
    assert "Publication date: 2024-01-24" in request["messages"][1]["content"]


def test_paraphrased_sentences_and_unknown_types_are_dropped(server):
    server.answer = json.dumps({"events": [
        {"sentence": "Rockets hit a base.", "sub_event_type": "Air/drone strike"},
        {"sentence": "Rockets struck Ain al-Asad air base on Monday, injuring two US service members.",
         "sub_event_type": "Rocket attack"},
    ]})  # fmt: skip
    analysis = backend(server).extract(DOC)
    assert analysis.events == []
    assert analysis.error and "2 LLM event(s) dropped" in analysis.error


def test_non_json_answer_is_an_extraction_error_naming_the_document(server):
    server.answer = "Sure! Here are the events: none."
    with pytest.raises(ExtractionError, match="document a1"):
        backend(server).extract(DOC)


def test_unreachable_endpoint_is_an_extraction_error():
    extractor = LLMExtractor(LLMSettings(url="http://127.0.0.1:9/v1", model="x", timeout=2))
    with pytest.raises(ExtractionError, match="LLM endpoint"):
        extractor.extract(DOC)


def test_llm_backend_needs_a_url(monkeypatch):
    monkeypatch.delenv("SITREP_LLM_URL", raising=False)
    with pytest.raises(ConfigError, match="SITREP_LLM_URL"):
        get_extractor("llm")
