"""Fine-tune the shipped all-MiniLM-L6-v2 end to end into sitrep's event classifier (ONNX).

Training-time only (torch, transformers, onnx); the runtime (``sitrep.events.neural``) reads the
exported ONNX graph with ONNX Runtime and the model's ``tokenizer.json`` and never imports torch.

Classes: ACLED's 25 sub-event types (``sitrep.events.taxonomy``) plus ``NO-EVENT``.

Data (all from ``../shared/data``; see the model card):

* ACLED notes (``acled/acled_2022h1_dev.csv``) of the training countries: the held-out countries
  of ``sitrep.events.train.HELD_OUT_COUNTRIES`` (``make eval`` measures on them) and the sealed
  countries of ``eval/SEALED.md`` are removed before anything else is read. Every note goes
  through ``sitrep.events.classify.clean_text`` (leading date, ACLED's bracket tags and
  prefixes, places and numbers), as every text does at run time.
* NO-EVENT: sentences of the UD English Web Treebank (dev and test files: blogs, reviews,
  e-mail, newsgroups, answers) and of the TimeBank/AQUAINT news documents that are not sealed
  (file name SHA-1 not ending in 0, 1 or 2). A sentence is dropped when it contains a root of
  :data:`VIOLENCE_ROOTS` (violence, protest, arrests, the military, war, death): a data-cleaning
  lexicon so that no sentence that might describe an ACLED event is labelled NO-EVENT. One third
  of the documents (by a hash of the document id) is held aside from every model and measured
  only (``no-event accuracy``).
* ``tools/event_seed_examples.jsonl``: a few dozen sentences written for this project for the
  three sub-event types that never occur in the training countries (Suicide bomb, Chemical
  weapon, Headquarters or base established) and two that occur fewer than ten times (Agreement,
  Excessive force against protesters), so the model can predict all 25 types.

News-style augmentation (chosen on the dev split, see the card): with probability
``--first-sentence`` an ACLED note is replaced by its first sentence (news sentences are single
sentences, notes are paragraphs); with probability 0.3 a NO-EVENT sentence is joined with the
next one or two of its document (the coder also classifies whole paragraphs).

Model selection uses one development split grouped by country (``sitrep.events.train.dev_split``
on the training countries, part 0 scored) and reports per-country dev figures:

    python tools/train_event_classifier.py dev  [--epochs 3 --lr 5e-5 --max-len 80]
    python tools/train_event_classifier.py final   # all training countries -> shipped model

``final`` exports to ONNX, quantises to int8 (kept when dev F1 drops by less than one point;
the dev run measures it) and writes ``src/sitrep/data/models/event_classifier/``.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import random
import re
import shutil
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import numpy as np  # noqa: E402

from sitrep.events.classify import clean_text  # noqa: E402
from sitrep.events.neural import (  # noqa: E402
    CLASSES,
    MODEL_DIR,
    NO_EVENT,
    NeuralEventClassifier,
)
from sitrep.events.train import (  # noqa: E402
    HELD_OUT_COUNTRIES,
    dev_split,
    load_acled,
    shared_data_dir,
)
from sitrep.nlp import split_sentences  # noqa: E402

#: eval/SEALED.md: whole ACLED countries nobody reads; removed before anything else.
SEALED_COUNTRIES: tuple[str, ...] = (
    "Afghanistan", "Pakistan", "Mali", "Ethiopia", "Peru", "Sri Lanka", "Tunisia",
)  # fmt: skip

#: Roots that may make a sentence describe violence, protest, arrests, the military or war;
#: such sentences are never labelled NO-EVENT (a data-cleaning step, not a classifier).
VIOLENCE_ROOTS = re.compile(
    r"\b(?:kill|murder|slay|slain|massacr|assassin|attack|assault|bomb|blast|explo|detonat|"
    r"shoot|shot|gun|rifle|fire[ds]?\b|firing|weapon|arm(?:ed|s)\b|army|armies|militar|soldier|"
    r"troop|militia|rebel|insurg|guerr?il|terror|jihad|milit|war\b|wars\b|warfare|battle|fight|"
    r"clash|combat|strike|struck|raid|ambush|missile|rocket|shell|artiller|mortar|grenade|mine[ds]?\b|"
    r"landmine|drone|airstrike|air\s+strike|sniper|hostage|kidnap|abduct|captur|seiz|hijack|"
    r"loot|arson|torch|burn|vandal|riot|protest|demonstrat|rall(?:y|ies|ied)|march|strik|picket|"
    r"sit-in|boycott|arrest|detain|detention|prison|jail|custody|police|cop\b|cops\b|officer|"
    r"violen|wound|injur|casualt|dead|death|die[ds]?\b|dying|corpse|bod(?:y|ies)\b|victim|"
    r"rape|sexual|beat(?:en|ing)?\b|stab|lynch|mob\b|siege|invad|invasion|occup|coup|ceasefire|"
    r"cease-fire|truce|peace|treaty|refugee|displac|evacuat|crackdown|tear\s*gas|tortur|"
    r"execut|behead|hanged|destroy|destruct|damag|threat|security\s+forces|regime|junta|"
    r"taliban|qaeda|isis|isil|hamas|hezbollah|hizbollah|kurd|iraq|syria|afghan|israel|palestin|"
    r"ukrain|yemen|somali|sudan|gaza|kosovo|serb|bosnia|chechen|saddam|inspector)",
    re.IGNORECASE,
)

#: Natural hazards and accidents: not ACLED events, and the nearest non-events to the coder's
#: input. A sentence with one of these roots is kept as NO-EVENT when its only violence-lexicon
#: roots are harm words (:data:`HARM_ONLY`), i.e. nobody is said to have done it.
DISASTER_ROOTS = re.compile(
    r"\b(?:earthquake|quake|flood|storm|hurricane|typhoon|cyclone|tornado|landslide|mudslide|"
    r"avalanche|tsunami|volcan|drought|wildfire|blaze|heat\s*wave|crash|derail|collision|collided|"
    r"accident|capsiz|sank|sinking|disease|epidemic|outbreak|virus|flu\b|cholera)",
    re.IGNORECASE,
)
HARM_ONLY = re.compile(
    r"^(?:kill|dead|death|die[ds]?|dying|bod(?:y|ies)|victim|wound|injur|casualt|destroy|destruct|"
    r"damag|evacuat|displac|refugee|burn|fire[ds]?|firing)",
    re.IGNORECASE,
)

#: Bumped when the training recipe changes beyond the command-line settings, so that ``final``
#: never takes a dev report of another recipe. 2: seeds unweighted and once per epoch,
#: hand-written NO-EVENT seeds, learning-rate schedule over the capped epoch size.
RECIPE = 2

SEED_FILE = Path(__file__).resolve().parent / "event_seed_examples.jsonl"
WORK = REPO / ".make" / "event-classifier"


def sealed_timebank(name: str) -> bool:
    """eval/SEALED.md: TimeBank/AQUAINT documents whose file name's SHA-1 ends in 0, 1 or 2."""
    return hashlib.sha1(name.encode()).hexdigest()[-1] in "012"


def held_aside(group: str) -> bool:
    """One third of the NO-EVENT documents, by a hash of the document id: never trained on."""
    return int(hashlib.sha1(group.encode()).hexdigest(), 16) % 3 == 0


# --------------------------------------------------------------------------- data


def acled_training_rows() -> list[dict[str, str]]:
    """ACLED notes of the training countries (held-out and sealed countries removed first)."""
    out = []
    drop = set(HELD_OUT_COUNTRIES) | set(SEALED_COUNTRIES)
    for row in load_acled():
        if row["country"] in drop:
            continue
        out.append(row)
    return out


def first_sentence(note: str) -> str:
    spans = split_sentences(note)
    return note[spans[0][0] : spans[0][1]] if spans else note


def ud_sentences() -> list[tuple[str, str]]:
    """(document id, sentence) from the UD English EWT files present (train may be empty)."""
    out = []
    folder = shared_data_dir() / "ud_english_ewt"
    for path in sorted(folder.glob("*.conllu")):
        doc = ""
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# sent_id = "):
                doc = line.split("=", 1)[1].strip().rsplit("-", 1)[0]
            elif line.startswith("# text = "):
                out.append(("ud:" + doc, line.split("=", 1)[1].strip()))
    return out


_TAG = re.compile(r"<[^>]+>")


def timebank_sentences() -> list[tuple[str, str]]:
    """(document id, sentence) of the TEXT of every TimeBank/AQUAINT document not sealed."""
    out = []
    root = shared_data_dir() / "timebank"
    for path in sorted(root.glob("*/*.tml")):
        if sealed_timebank(path.name):
            continue  # never opened
        raw = path.read_text(encoding="utf-8", errors="replace")
        match = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
        if not match:
            continue
        text = html.unescape(_TAG.sub("", match.group(1)))
        for start, end in split_sentences(text):
            sentence = " ".join(text[start:end].split())
            out.append(("tb:" + path.stem, sentence))
    return out


def no_event_sentences() -> list[tuple[str, str]]:
    """Non-conflict sentences: 6-60 words, no root of :data:`VIOLENCE_ROOTS`, deduplicated."""
    seen = set()
    out = []
    for group, sentence in ud_sentences() + timebank_sentences():
        words = sentence.split()
        if not 6 <= len(words) <= 60 or not re.search(r"[a-z]", sentence):
            continue
        if sentence.lower() in seen:
            continue
        hits = [m.group(0) for m in VIOLENCE_ROOTS.finditer(sentence)]
        if hits and not (DISASTER_ROOTS.search(sentence) and all(HARM_ONLY.match(h) for h in hits)):
            continue
        seen.add(sentence.lower())
        out.append((group, sentence))
    return out


def seed_examples() -> list[tuple[str, str]]:
    lines = [line for line in SEED_FILE.read_text().splitlines() if line.strip()]
    return [(d["label"], d["text"]) for d in map(json.loads, lines)]


# --------------------------------------------------------------------------- model


def minilm_path() -> Path:
    from sitrep.dedup.stories import minilm_model_path

    return minilm_model_path()


def build_model() -> Any:
    import torch
    from transformers import AutoModel

    bert = AutoModel.from_pretrained(str(minilm_path()), attn_implementation="eager")

    class Net(torch.nn.Module):  # type: ignore[misc]
        """MiniLM, mean pooling over the mask, dropout, a linear layer over the 26 classes."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = bert
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(bert.config.hidden_size, len(CLASSES))

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            tokens = self.bert(input_ids=input_ids, attention_mask=attention_mask)[0]
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            pooled = (tokens * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            return self.head(self.dropout(pooled))

    return Net()


def tokenizer(max_len: int) -> Any:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(minilm_path() / "tokenizer.json"))
    tok.enable_truncation(max_length=max_len)
    tok.no_padding()
    return tok


def batches(
    encoded: list[list[int]], labels: list[int], size: int, rng: random.Random
) -> list[list[int]]:
    """Index batches of similar length (less padding), in random order."""
    order = list(range(len(encoded)))
    rng.shuffle(order)
    out = []
    chunk = size * 20
    for start in range(0, len(order), chunk):
        part = sorted(order[start : start + chunk], key=lambda i: len(encoded[i]))
        out.extend(part[k : k + size] for k in range(0, len(part), size))
    rng.shuffle(out)
    return out


def tensors(encoded: list[list[int]], rows: list[int]) -> tuple[Any, Any]:
    import torch

    width = max(len(encoded[i]) for i in rows)
    ids = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for slot, i in enumerate(rows):
        ids[slot, : len(encoded[i])] = torch.tensor(encoded[i])
        mask[slot, : len(encoded[i])] = 1
    return ids, mask


def predict_torch(model: Any, tok: Any, texts: list[str], size: int = 64) -> np.ndarray:
    import torch

    model.eval()
    encoded = [e.ids for e in tok.encode_batch([clean_text(t) for t in texts])]
    order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))
    out = np.zeros((len(texts), len(CLASSES)), dtype=np.float32)
    with torch.no_grad():
        for start in range(0, len(order), size):
            rows = order[start : start + size]
            ids, mask = tensors(encoded, rows)
            out[rows] = torch.softmax(model(ids, mask), dim=-1).numpy()
    model.train()
    return out


def epoch_examples(
    rows: list[dict[str, str]],
    negatives: list[tuple[str, str]],
    seeds: list[tuple[str, str]],
    rng: random.Random,
    protest_cap: int,
    first_p: float,
    negatives_cap: int = 0,
) -> list[tuple[str, str, bool]]:
    """(text, label, class-weighted) for one epoch: protests subsampled, augmentation drawn anew.

    The hand-written seed sentences appear once and are never class-weighted: they are the only
    fluent news sentences of their classes, and up-weighted they taught a first model that any
    news-style violent sentence is a suicide bombing.
    """
    protests = [r for r in rows if r["sub_event_type"] == "Peaceful protest"]
    others = [r for r in rows if r["sub_event_type"] != "Peaceful protest"]
    if len(protests) > protest_cap:
        protests = rng.sample(protests, protest_cap)
    out = []
    for row in others + protests:
        note = row["notes"]
        if rng.random() < first_p:
            note = first_sentence(note)
        out.append((note, row["sub_event_type"], True))
    by_doc: dict[str, list[str]] = {}
    for group, sentence in negatives:
        by_doc.setdefault(group, []).append(sentence)
    drawn = negatives
    if negatives_cap and len(negatives) > negatives_cap:
        drawn = rng.sample(negatives, negatives_cap)
    for group, sentence in drawn:
        if rng.random() < 0.3:
            doc = by_doc[group]
            k = doc.index(sentence)
            sentence = " ".join(doc[k : k + rng.randint(2, 3)])
        out.append((sentence, NO_EVENT, True))
    out.extend((text, label, False) for label, text in seeds)
    rng.shuffle(out)
    return out


def class_weights(examples: list[tuple[str, str, bool]]) -> list[float]:
    """sqrt-balanced loss weights, between 1 and 8 (the capped protest class gets 1), from the
    class-weighted examples only (a class with seed sentences alone gets 1)."""
    counts = Counter(label for _, label, weighted in examples if weighted)
    top = max(counts.values())
    return [min(8.0, max(1.0, (top / counts[c]) ** 0.5)) if counts.get(c) else 1.0 for c in CLASSES]


def train(
    rows: list[dict[str, str]],
    negatives: list[tuple[str, str]],
    args: argparse.Namespace,
    evaluate: Any = None,
) -> Any:
    import torch

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    tok = tokenizer(args.max_len)
    model = build_model()
    model.train()
    # Frozen word embeddings and lowest layers get no gradient; autograd then stops there, so a
    # step costs the forward pass plus the backward pass of the upper layers only.
    if args.freeze_layers >= 0:
        for p in model.bert.embeddings.parameters():
            p.requires_grad = False
        for layer in model.bert.encoder.layer[: args.freeze_layers]:
            for p in layer.parameters():
                p.requires_grad = False
    seeds = seed_examples()
    first = epoch_examples(
        rows, negatives, seeds, random.Random(0), args.protest_cap, 0.0, args.negatives_cap
    )
    weights = torch.tensor(class_weights(first), dtype=torch.float32)
    loss_fn = torch.nn.CrossEntropyLoss(reduction="none")
    head_params = list(model.head.parameters())
    body_params = [
        p for n, p in model.named_parameters() if not n.startswith("head.") and p.requires_grad
    ]
    optimiser = torch.optim.AdamW(
        [{"params": body_params, "lr": args.lr}, {"params": head_params, "lr": args.lr * 20}],
        weight_decay=0.01,
    )
    steps_per_epoch = (len(first) + args.batch - 1) // args.batch
    total = steps_per_epoch * args.epochs
    warmup = max(1, int(0.06 * total))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimiser,
        lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))),
    )
    index = {c: i for i, c in enumerate(CLASSES)}
    step = 0
    history = []
    for epoch in range(args.epochs):
        examples = epoch_examples(
            rows, negatives, seeds, rng, args.protest_cap, args.first_sentence, args.negatives_cap
        )
        encoded = [e.ids for e in tok.encode_batch([clean_text(t) for t, _, _ in examples])]
        labels = [index[label] for _, label, _ in examples]
        example_weight = [
            float(weights[index[label]]) if weighted else 1.0 for _, label, weighted in examples
        ]
        started = time.perf_counter()
        running = 0.0
        plan = batches(encoded, labels, args.batch, rng)
        for b, rows_ in enumerate(plan):
            ids, mask = tensors(encoded, rows_)
            target = torch.tensor([labels[i] for i in rows_])
            w = torch.tensor([example_weight[i] for i in rows_])
            loss = (loss_fn(model(ids, mask), target) * w).sum() / w.sum()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            scheduler.step()
            optimiser.zero_grad()
            running += float(loss.detach())
            step += 1
            if (b + 1) % 25 == 0 or b + 1 == len(plan):
                rate = (time.perf_counter() - started) / (b + 1)
                print(
                    f"epoch {epoch + 1} batch {b + 1}/{len(plan)} loss {running / (b + 1):.3f} "
                    f"{rate:.2f}s/batch",
                    file=sys.stderr,
                    flush=True,
                )
            if args.max_steps and step >= args.max_steps:
                return model
        if evaluate is not None:
            history.append({"epoch": epoch + 1, **evaluate(model, tok)})
            print(json.dumps(history[-1]), file=sys.stderr, flush=True)
    model.history = history
    return model


# --------------------------------------------------------------------------- scoring


def scores(probabilities: np.ndarray, gold: list[str]) -> dict[str, float]:
    from sklearn.metrics import f1_score

    predicted = [CLASSES[i] for i in probabilities.argmax(axis=1)]
    events = probabilities[:, : len(CLASSES) - 1]
    sub_only = [CLASSES[i] for i in events.argmax(axis=1)]
    return {
        "weighted_f1": round(float(f1_score(gold, predicted, average="weighted")), 4),
        "weighted_f1_type_only": round(float(f1_score(gold, sub_only, average="weighted")), 4),
        "no_event_rate": round(float(np.mean([p == NO_EVENT for p in predicted])), 4),
    }


def dev_scorer(dev_rows: list[dict[str, str]], dev_negatives: list[str]) -> Any:
    def evaluate(model: Any, tok: Any) -> dict[str, Any]:
        notes = [r["notes"] for r in dev_rows]
        gold = [r["sub_event_type"] for r in dev_rows]
        full = scores(predict_torch(model, tok, notes), gold)
        neg = predict_torch(model, tok, dev_negatives)
        return {
            "dev_notes": full,
            "no_event_accuracy": round(float(np.mean(neg.argmax(axis=1) == len(CLASSES) - 1)), 4),
        }

    return evaluate


def per_country(probabilities: np.ndarray, rows: list[dict[str, str]]) -> dict[str, Any]:
    out = {}
    countries = Counter(r["country"] for r in rows)
    for country, n in countries.most_common():
        idx = [i for i, r in enumerate(rows) if r["country"] == country]
        if n < 20:
            continue
        out[country] = {
            "n": n,
            **scores(probabilities[idx], [rows[i]["sub_event_type"] for i in idx]),
        }
    small = [i for i, r in enumerate(rows) if countries[r["country"]] < 20]
    if small:
        out["(countries with < 20 notes)"] = {
            "n": len(small),
            **scores(probabilities[small], [rows[i]["sub_event_type"] for i in small]),
        }
    return out


# --------------------------------------------------------------------------- export


def export(model: Any, directory: Path, max_len: int, meta: dict[str, Any]) -> Path:
    """ONNX graph (probabilities out), the tokenizer and config.json in ``directory``."""
    import torch

    directory.mkdir(parents=True, exist_ok=True)
    model.eval()

    class WithSoftmax(torch.nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.net = model

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return torch.softmax(self.net(input_ids, attention_mask), dim=-1)

    ids = torch.full((2, 8), 1000, dtype=torch.int64)
    mask = torch.tensor([[1] * 8, [1] * 5 + [0] * 3], dtype=torch.int64)
    target = directory / "model.fp32.onnx"
    import warnings

    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            WithSoftmax().eval(),
            (ids, mask),
            str(target),
            input_names=["input_ids", "attention_mask"],
            output_names=["probabilities"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "tokens"},
                "attention_mask": {0: "batch", 1: "tokens"},
                "probabilities": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
        )
    shutil.copy(minilm_path() / "tokenizer.json", directory / "tokenizer.json")
    config = {"classes": CLASSES, "no_event": NO_EVENT, "max_len": max_len, **meta}
    (directory / "config.json").write_text(json.dumps(config, indent=1) + "\n")
    return target


def quantise(source: Path, target: Path) -> Path:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8)
    return target


def onnx_probabilities(directory: Path, model_file: str, texts: list[str]) -> np.ndarray:
    classifier = NeuralEventClassifier(directory, model_file=model_file, threads=1)
    return classifier.probability_matrix(texts)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["dev", "final", "package", "time"])
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--max-len", type=int, default=64)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--protest-cap", type=int, default=800)
    parser.add_argument("--negatives-cap", type=int, default=2000)
    parser.add_argument("--first-sentence", type=float, default=0.3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument(
        "--freeze-layers",
        type=int,
        default=2,
        help="freeze the word embeddings and this many lowest layers (-1: train everything)",
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--max-steps", type=int, default=0)
    parser.add_argument("--part", type=int, default=0, help="dev part (0..2)")
    parser.add_argument("--output", type=Path, default=MODEL_DIR)
    parser.add_argument("--work", type=Path, default=WORK)
    args = parser.parse_args(argv)
    started = time.perf_counter()

    rows = acled_training_rows()
    negatives_all = no_event_sentences()
    negatives = [(g, s) for g, s in negatives_all if not held_aside(g)]
    aside = [s for g, s in negatives_all if held_aside(g)]
    print(
        f"ACLED training-country notes {len(rows)}; NO-EVENT sentences {len(negatives)} "
        f"(+{len(aside)} held aside); seeds {len(seed_examples())}",
        file=sys.stderr,
    )
    settings = {k: getattr(args, k) for k in
                ("epochs", "lr", "max_len", "batch", "protest_cap", "negatives_cap", "first_sentence", "seed",
                 "freeze_layers")}  # fmt: skip
    settings["recipe"] = RECIPE

    if args.mode == "time":
        args.max_steps = args.max_steps or 10
        t0 = time.perf_counter()
        train(rows, negatives, args)
        print(f"{args.max_steps} steps in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
        return 0

    if args.mode == "dev":
        # the NO-EVENT documents are split too, so the dev model never sees the dev negatives
        fit_rows, dev_rows = dev_split(rows, args.part)
        fit_neg = [(g, s) for g, s in negatives if int(hashlib.md5(g.encode()).hexdigest(), 16) % 3]
        dev_neg = [s for g, s in negatives if not int(hashlib.md5(g.encode()).hexdigest(), 16) % 3]
        print(f"dev: fit {len(fit_rows)} notes, dev {len(dev_rows)} notes "
              f"({len({r['country'] for r in dev_rows})} countries), dev NO-EVENT {len(dev_neg)}",
              file=sys.stderr)  # fmt: skip
        model = train(fit_rows, fit_neg, args, dev_scorer(dev_rows, dev_neg))
        work = args.work / f"dev-part-{args.part}"
        path = export(model, work, args.max_len, {"settings": settings})
        quantise(path, work / "model.onnx")
        notes = [r["notes"] for r in dev_rows]
        gold = [r["sub_event_type"] for r in dev_rows]
        report: dict[str, Any] = {"settings": settings, "history": model.history}
        for name in ("model.fp32.onnx", "model.onnx"):
            t0 = time.perf_counter()
            probs = onnx_probabilities(work, name, notes)
            seconds = time.perf_counter() - t0
            neg = onnx_probabilities(work, name, dev_neg)
            report[name] = {
                "dev_notes": scores(probs, gold),
                "dev_first_sentence": scores(
                    onnx_probabilities(work, name, [first_sentence(n) for n in notes]), gold
                ),
                "no_event_accuracy": round(float(np.mean(neg.argmax(1) == len(CLASSES) - 1)), 4),
                "ms_per_note_2_threads": round(1000 * seconds / len(notes), 2),
                "per_country": per_country(probs, dev_rows),
            }
        out = args.work / f"dev-part-{args.part}-{args.first_sentence}-{args.epochs}.json"
        out.write_text(json.dumps(report, indent=1))
        print(json.dumps({k: v for k, v in report.items()}, indent=1)[:6000])
        print(f"dev run in {time.perf_counter() - started:.0f}s -> {out}", file=sys.stderr)
        return 0

    # final: every training country, the dev NO-EVENT third included (held-aside one never)
    if args.mode == "final":
        model = train(rows, negatives, args)
        meta = {
            "settings": settings,
            "trained_on": {
                "acled_notes": len(rows),
                "no_event_sentences": len(negatives),
                "seed_examples": len(seed_examples()),
            },
            "excluded_countries": list(HELD_OUT_COUNTRIES) + list(SEALED_COUNTRIES),
        }
        export(model, args.work / "final", args.max_len, meta)
        quantise(args.work / "final" / "model.fp32.onnx", args.work / "final" / "model.onnx")
    package(args, settings)
    probs = onnx_probabilities(args.output, "model.onnx", aside)
    accuracy = round(float(np.mean(probs.argmax(1) == len(CLASSES) - 1)), 4)
    print(f"held-aside NO-EVENT accuracy {accuracy} on {len(aside)} sentences", file=sys.stderr)
    print(f"final model in {time.perf_counter() - started:.0f}s -> {args.output}", file=sys.stderr)
    return 0


def package(args: argparse.Namespace, settings: dict[str, Any]) -> None:
    """Copy the final export into the package, int8 or float32 as the dev run decided.

    The dev run of the same settings decides (int8 kept when its dev weighted F1 is less than
    one point below float32's) and gives the dev figures recorded in config.json. ``package``
    mode redoes this step alone, e.g. when the dev run finished after the final one.
    """
    final = args.work / "final"
    config = json.loads((final / "config.json").read_text())
    dev_file = args.work / f"dev-part-{args.part}-{args.first_sentence}-{args.epochs}.json"
    int8 = True
    config.pop("dev", None)
    if dev_file.exists():
        dev = json.loads(dev_file.read_text())
        if dev.get("settings") == settings:
            fp32_f1 = dev["model.fp32.onnx"]["dev_notes"]["weighted_f1"]
            int8_f1 = dev["model.onnx"]["dev_notes"]["weighted_f1"]
            int8 = fp32_f1 - int8_f1 < 0.01
            shipped = dev["model.onnx" if int8 else "model.fp32.onnx"]
            config["dev"] = {
                "part": args.part,
                "weighted_f1": shipped["dev_notes"]["weighted_f1"],
                "first_sentence_weighted_f1": shipped["dev_first_sentence"]["weighted_f1"],
                "no_event_accuracy": shipped["no_event_accuracy"],
                "float32_weighted_f1": fp32_f1,
                "int8_weighted_f1": int8_f1,
            }
    config["quantised_int8"] = int8
    args.output.mkdir(parents=True, exist_ok=True)
    shutil.copy(final / ("model.onnx" if int8 else "model.fp32.onnx"), args.output / "model.onnx")
    shutil.copy(final / "tokenizer.json", args.output / "tokenizer.json")
    (args.output / "config.json").write_text(json.dumps(config, indent=1) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
