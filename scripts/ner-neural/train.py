"""Neural entity tagger experiment for rasd (issue #8): a BiLSTM-CRF (or lighter variants) over
the CRF's own hashed features, a character CNN and word embeddings, trained on ANERcorp.

Input: the file written by scripts/ner-export.ts (ner-data.jsonl.gz). Nothing is downloaded and
nothing pretrained is used.

    python3 train.py sweep --data ner-data.jsonl.gz --out OUT --configs A,B,... [--jobs 8]
        trains every configuration on the fit part, follows dev F1 after every epoch, keeps
        the best epoch; writes OUT/sweep-<name>.json (dev scores per epoch, best epoch, dev
        predictions; also a dev ensemble with the CRF's emissions at several weights).
    python3 train.py final --data ... --out OUT --config NAME --epochs N [--alpha A]
        trains NAME on the whole training split (fit + dev) for N epochs and writes test and
        Wojood predictions (and those of the ensemble with the shipped CRF at weight A).

Scores printed here are for following training; the reported ones are recomputed by rasd's own
scorer (scripts/ner-neural/score.ts) from the written predictions. Deterministic seeds (Python,
NumPy, torch); CUDA kernels may still differ in the last bits between runs.
"""

import argparse
import gzip
import json
import math
import os
import random
import subprocess
import sys
import time

import numpy as np

LABELS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
L = len(LABELS)

# Configurations: every key not given takes the value of BASE.
BASE = dict(
    fdim=100,  # feature-bag embedding size (0: no CRF features)
    linear=False,  # also a direct feature -> label path (the CRF's own emission form)
    wdim=100,  # word embedding size (0: none)
    cdim=32,  # character embedding size
    cfilters=50,  # character CNN filters (0: no character CNN)
    encoder="lstm",  # lstm | cnn | mlp (no context beyond the features)
    hidden=200,  # per direction (lstm) or channels (cnn / mlp)
    layers=1,
    dropout=0.5,
    fdrop=0.2,  # share of a token's feature ids dropped in training
    wdrop=0.1,  # share of words replaced by <unk> in training
    lr=1e-3,
    batch=16,
    epochs=40,
    patience=10,
    seed=1,
    min_feat=2,
    min_word=2,
)

CONFIGS = {
    # The CRF's features alone, trained as a CRF (direct feature -> label weights), with dropout.
    "lin": dict(fdim=0, linear=True, wdim=0, cfilters=0, encoder="none", lr=2e-3),
    # A hidden layer over the feature bag: feature conjunctions, no context (cheap on a CPU).
    "mlp": dict(fdim=64, linear=True, wdim=0, cfilters=0, encoder="mlp", hidden=128),
    # BiLSTM-CRF over words and characters only (no CRF features): the classic tagger.
    "lstm-nofeat": dict(fdim=0),
    # BiLSTM-CRF over features, words and characters.
    "lstm": dict(),
    "lstm-s2": dict(seed=2),
    "lstm-s3": dict(seed=3),
    "lstm-lin": dict(linear=True),
    "lstm-2l": dict(layers=2),
    "lstm-small": dict(fdim=32, wdim=50, cfilters=30, hidden=100),
    "lstm-drop": dict(dropout=0.6, fdrop=0.4, wdrop=0.2),
    "cnn": dict(encoder="cnn", hidden=256, layers=3),
    # Second run (dev only): more seeds of the best ones, and a slower learning rate.
    "lstm-drop-s2": dict(dropout=0.6, fdrop=0.4, wdrop=0.2, seed=2),
    "lstm-drop-s3": dict(dropout=0.6, fdrop=0.4, wdrop=0.2, seed=3),
    "cnn-s2": dict(encoder="cnn", hidden=256, layers=3, seed=2),
    "cnn-s3": dict(encoder="cnn", hidden=256, layers=3, seed=3),
    "mlp-s2": dict(fdim=64, linear=True, wdim=0, cfilters=0, encoder="mlp", hidden=128, seed=2),
    "mlp-s3": dict(fdim=64, linear=True, wdim=0, cfilters=0, encoder="mlp", hidden=128, seed=3),
    "lstm-slow": dict(lr=5e-4, dropout=0.6, fdrop=0.4, wdrop=0.2),
    "lstm-slow-s2": dict(lr=5e-4, dropout=0.6, fdrop=0.4, wdrop=0.2, seed=2),
    "lstm-slow-s3": dict(lr=5e-4, dropout=0.6, fdrop=0.4, wdrop=0.2, seed=3),
}


def cfg_of(name):
    c = dict(BASE)
    c.update(CONFIGS[name])
    c["name"] = name
    return c


# ---------------------------------------------------------------------------------------------
# Data


def load(path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        header = json.loads(fh.readline())
        sents = [json.loads(line) for line in fh if line.strip()]
    by = {}
    for s in sents:
        by.setdefault(s["split"], []).append(s)
    return header, by


class Vocab:
    """Feature, word and character indices, from the training sentences only."""

    def __init__(self, train, min_feat, min_word):
        fc, wc, cc = {}, {}, {}
        for s in train:
            for ids in s["f"]:
                for i in ids:
                    fc[i] = fc.get(i, 0) + 1
            for w in s["norm"]:
                wc[w] = wc.get(w, 0) + 1
                for ch in w:
                    cc[ch] = cc.get(ch, 0) + 1
        self.feat = {i: k + 1 for k, i in enumerate(sorted(i for i, c in fc.items() if c >= min_feat))}
        # 0 pad, 1 <unk>
        self.word = {w: k + 2 for k, w in enumerate(sorted(w for w, c in wc.items() if c >= min_word))}
        self.singletons = {w for w, c in wc.items() if c == 1}
        self.char = {ch: k + 2 for k, ch in enumerate(sorted(cc))}

    def sizes(self):
        return len(self.feat) + 1, len(self.word) + 2, len(self.char) + 2


MAXC = 20


def tensorize(sents, vocab):
    """Per sentence: feats [n, F], words [n], chars [n, C], y [n], crf [n, L] or None."""
    out = []
    for s in sents:
        n = len(s["norm"])
        F = max(1, max(len(ids) for ids in s["f"]))
        feats = np.zeros((n, F), dtype=np.int64)
        for t, ids in enumerate(s["f"]):
            kept = [vocab.feat[i] for i in ids if i in vocab.feat]
            feats[t, : len(kept)] = kept
        words = np.array([vocab.word.get(w, 1) for w in s["norm"]], dtype=np.int64)
        single = np.array([w in vocab.singletons for w in s["norm"]], dtype=bool)
        chars = np.zeros((n, MAXC), dtype=np.int64)
        for t, w in enumerate(s["norm"]):
            cs = [vocab.char.get(ch, 1) for ch in w[:MAXC]]
            chars[t, : len(cs)] = cs
        y = np.array(s["y"], dtype=np.int64)
        crf = np.array(s["crf"], dtype=np.float32).reshape(n, L) if "crf" in s else None
        out.append(dict(n=n, feats=feats, words=words, single=single, chars=chars, y=y, crf=crf))
    return out


def batches(data, size, rng):
    """Batches of sentences of similar length, in a shuffled order (rng None: in order)."""
    order = sorted(range(len(data)), key=lambda i: data[i]["n"])
    groups = [order[i : i + size] for i in range(0, len(order), size)]
    if rng is not None:
        rng.shuffle(groups)
    return groups


def collate(data, idx, device, torch):
    B = len(idx)
    T = max(data[i]["n"] for i in idx)
    F = max(data[i]["feats"].shape[1] for i in idx)
    feats = np.zeros((B, T, F), dtype=np.int64)
    words = np.zeros((B, T), dtype=np.int64)
    single = np.zeros((B, T), dtype=bool)
    chars = np.zeros((B, T, MAXC), dtype=np.int64)
    y = np.zeros((B, T), dtype=np.int64)
    mask = np.zeros((B, T), dtype=bool)
    for b, i in enumerate(idx):
        d = data[i]
        n = d["n"]
        feats[b, :n, : d["feats"].shape[1]] = d["feats"]
        words[b, :n] = d["words"]
        single[b, :n] = d["single"]
        chars[b, :n] = d["chars"]
        y[b, :n] = d["y"]
        mask[b, :n] = True
    t = lambda a: torch.from_numpy(a).to(device)
    return dict(feats=t(feats), words=t(words), single=t(single), chars=t(chars), y=t(y), mask=t(mask))


# ---------------------------------------------------------------------------------------------
# Scoring (seqeval default chunking, as src/recognize/ner/score.ts)


def chunks(tags):
    out = []
    typ, start = "", -1
    for i in range(len(tags) + 1):
        tag = tags[i] if i < len(tags) else "O"
        prefix = "O" if tag == "O" else tag[0]
        t = "" if tag == "O" else tag[2:]
        if start >= 0 and prefix == "I" and t == typ:
            continue
        if start >= 0:
            out.append((typ, start, i))
        if prefix in ("B", "I"):
            start, typ = i, t
        else:
            start, typ = -1, ""
    return out


def score(gold, pred):
    per = {}
    for g, p in zip(gold, pred):
        gc = set(chunks(g))
        for c in gc:
            per.setdefault(c[0], [0, 0, 0])[2] += 1
        for c in chunks(p):
            x = per.setdefault(c[0], [0, 0, 0])
            x[1] += 1
            if c in gc:
                x[0] += 1

    def f(c, p, s):
        pr = c / p if p else 0.0
        rc = c / s if s else 0.0
        return 2 * pr * rc / (pr + rc) if pr + rc else 0.0

    tot = [sum(v[k] for v in per.values()) for k in range(3)]
    return round(100 * f(*tot), 2), {k: round(100 * f(*v), 2) for k, v in sorted(per.items())}


# ---------------------------------------------------------------------------------------------
# Constraints and Viterbi (NumPy, per sentence)


def allowed(prev, cur):
    inside = cur > 0 and cur % 2 == 0
    if not inside:
        return True
    return prev == cur or prev == cur - 1


ALLOWED = np.array([[allowed(p, y) for y in range(L)] for p in range(L)])
START_OK = np.array([allowed(-1, y) for y in range(L)])
NEG = -1e4


def viterbi(em, trans, start, end):
    n = em.shape[0]
    tr = np.where(ALLOWED, trans, -np.inf)
    delta = np.where(START_OK, start + em[0], -np.inf)
    back = np.zeros((n, L), dtype=np.int64)
    for i in range(1, n):
        s = delta[:, None] + tr
        back[i] = s.argmax(0)
        delta = s.max(0) + em[i]
    delta = delta + end
    out = [int(delta.argmax())]
    for i in range(n - 1, 0, -1):
        out.append(int(back[i, out[-1]]))
    return out[::-1]


# ---------------------------------------------------------------------------------------------
# Model


def build(torch, cfg, sizes):
    nn = torch.nn
    nfeat, nword, nchar = sizes

    class Tagger(nn.Module):
        def __init__(self):
            super().__init__()
            self.cfg = cfg
            dim = 0
            if cfg["fdim"]:
                self.fe = nn.EmbeddingBag(nfeat, cfg["fdim"], mode="sum", padding_idx=0)
                nn.init.normal_(self.fe.weight, 0, 0.05)
                dim += cfg["fdim"]
            if cfg["linear"]:
                self.fl = nn.EmbeddingBag(nfeat, L, mode="sum", padding_idx=0)
                nn.init.zeros_(self.fl.weight)
            if cfg["wdim"]:
                self.we = nn.Embedding(nword, cfg["wdim"], padding_idx=0)
                nn.init.normal_(self.we.weight, 0, 0.1)
                dim += cfg["wdim"]
            if cfg["cfilters"]:
                self.ce = nn.Embedding(nchar, cfg["cdim"], padding_idx=0)
                self.cconv = nn.Conv1d(cfg["cdim"], cfg["cfilters"], 3, padding=1)
                dim += cfg["cfilters"]
            self.drop = nn.Dropout(cfg["dropout"])
            enc = cfg["encoder"]
            h = cfg["hidden"]
            if enc == "lstm":
                self.rnn = nn.LSTM(
                    dim,
                    h,
                    num_layers=cfg["layers"],
                    bidirectional=True,
                    batch_first=True,
                    dropout=cfg["dropout"] if cfg["layers"] > 1 else 0.0,
                )
                out = 2 * h
            elif enc == "cnn":
                self.inp = nn.Linear(dim, h)
                self.convs = nn.ModuleList(
                    [nn.Conv1d(h, h, 3, padding=2**k, dilation=2**k) for k in range(cfg["layers"])]
                )
                out = h
            elif enc == "mlp":
                self.hid = nn.Linear(dim, h)
                out = h
            else:
                out = 0
            self.out = nn.Linear(out, L) if out else None
            self.trans = nn.Parameter(torch.zeros(L, L))
            self.start = nn.Parameter(torch.zeros(L))
            self.end = nn.Parameter(torch.zeros(L))
            self.register_buffer(
                "tmask", torch.tensor(np.where(ALLOWED, 0.0, NEG), dtype=torch.float32)
            )
            self.register_buffer(
                "smask", torch.tensor(np.where(START_OK, 0.0, NEG), dtype=torch.float32)
            )

        def emissions(self, feats, words, chars, single=None):
            B, T, F = feats.shape
            if self.training and self.cfg["fdrop"] > 0:
                keep = torch.rand(feats.shape, device=feats.device) >= self.cfg["fdrop"]
                feats = feats * keep
            parts = []
            flat = feats.reshape(B * T, F)
            if self.cfg["fdim"]:
                parts.append(self.fe(flat).reshape(B, T, -1))
            if self.cfg["wdim"]:
                w = words
                if self.training:
                    r = torch.rand(w.shape, device=w.device)
                    unk = r < self.cfg["wdrop"]
                    if single is not None:
                        unk = unk | (single & (torch.rand(w.shape, device=w.device) < 0.5))
                    w = torch.where(unk & (w > 0), torch.ones_like(w), w)
                parts.append(self.we(w))
            if self.cfg["cfilters"]:
                c = self.ce(chars.reshape(B * T, -1)).transpose(1, 2)  # [BT, cdim, C]
                c = torch.relu(self.cconv(c))
                c = c.masked_fill((chars.reshape(B * T, -1) == 0).unsqueeze(1), -1e4).max(2).values
                c = torch.where(c < -1e3, torch.zeros_like(c), c)
                parts.append(c.reshape(B, T, -1))
            em = None
            if parts:
                x = self.drop(torch.cat(parts, -1))
                enc = self.cfg["encoder"]
                if enc == "lstm":
                    x, _ = self.rnn(x)
                elif enc == "cnn":
                    x = torch.relu(self.inp(x)).transpose(1, 2)
                    for conv in self.convs:
                        x = x + torch.relu(conv(self.drop(x)))
                    x = x.transpose(1, 2)
                elif enc == "mlp":
                    x = torch.tanh(self.hid(x))
                if self.out is not None:
                    em = self.out(self.drop(x))
            if self.cfg["linear"]:
                lin = self.fl(flat).reshape(B, T, L)
                em = lin if em is None else em + lin
            return em

        def potentials(self):
            return self.trans + self.tmask, self.start + self.smask, self.end

        def nll(self, em, y, mask):
            trans, start, end = self.potentials()
            B, T, _ = em.shape
            maskf = mask.float()
            lengths = mask.sum(1)
            gold = start[y[:, 0]] + em[:, 0].gather(1, y[:, :1]).squeeze(1)
            if T > 1:
                e = em[:, 1:].gather(2, y[:, 1:].unsqueeze(2)).squeeze(2)
                tr = trans[y[:, :-1], y[:, 1:]]
                gold = gold + ((e + tr) * maskf[:, 1:]).sum(1)
            last = y.gather(1, (lengths - 1).unsqueeze(1)).squeeze(1)
            gold = gold + end[last]
            alpha = start.unsqueeze(0) + em[:, 0]
            for t in range(1, T):
                nxt = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), dim=1) + em[:, t]
                alpha = torch.where(mask[:, t].unsqueeze(1), nxt, alpha)
            logz = torch.logsumexp(alpha + end.unsqueeze(0), dim=1)
            return (logz - gold).sum()

    return Tagger()


# ---------------------------------------------------------------------------------------------
# Training and prediction


def set_seed(torch, seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.cuda.manual_seed_all(seed)


def predict_emissions(torch, model, data, device):
    model.eval()
    out = [None] * len(data)
    with torch.no_grad():
        for idx in batches(data, 64, None):
            b = collate(data, idx, device, torch)
            em = model.emissions(b["feats"], b["words"], b["chars"]).float().cpu().numpy()
            for k, i in enumerate(idx):
                out[i] = em[k, : data[i]["n"]]
    return out


def decode_all(model_pots, ems, crf=None, alpha=0.0, crf_pots=None):
    trans, start, end = model_pots
    preds = []
    for i, em in enumerate(ems):
        e, tr, st = em, trans, start
        if alpha and crf is not None:
            ct, cs = crf_pots
            e = em + alpha * crf[i]
            tr = trans + alpha * ct
            st = start + alpha * cs
        preds.append([LABELS[k] for k in viterbi(e, tr, st, end)])
    return preds


def decode_crf(crf, cp):
    """The CRF alone (its exported emissions and transitions; no end weights)."""
    return [[LABELS[k] for k in viterbi(e, cp[0], cp[1], np.zeros(L))] for e in crf]


def pots_of(model):
    trans, start, end = model.potentials()
    return (
        trans.detach().cpu().numpy().astype(np.float64),
        start.detach().cpu().numpy().astype(np.float64),
        end.detach().cpu().numpy().astype(np.float64),
    )


def crf_pots(header, which):
    c = header["crf"][which]
    return (np.array(c["trans"], dtype=np.float64).reshape(L, L), np.array(c["start"], dtype=np.float64))


ALPHAS = [0.25, 0.5, 1.0, 2.0]


def train(torch, cfg, train_data, vocab, device, epochs, dev_data=None, header=None, deadline=None, log=None):
    set_seed(torch, cfg["seed"])
    model = build(torch, cfg, vocab.sizes()).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=cfg["lr"])
    rng = random.Random(cfg["seed"])
    gold_dev = [[LABELS[k] for k in d["y"]] for d in dev_data] if dev_data else None
    history = []
    best = (-1.0, 0, None, None)
    t0 = time.time()
    for epoch in range(1, epochs + 1):
        model.train()
        total = 0.0
        for idx in batches(train_data, cfg["batch"], rng):
            b = collate(train_data, idx, device, torch)
            em = model.emissions(b["feats"], b["words"], b["chars"], b["single"])
            loss = model.nll(em, b["y"], b["mask"])
            opt.zero_grad()
            (loss / len(idx)).backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += float(loss)
        row = dict(epoch=epoch, loss=round(total, 1), seconds=round(time.time() - t0, 1))
        if dev_data:
            ems = predict_emissions(torch, model, dev_data, device)
            pots = pots_of(model)
            f1, per = score(gold_dev, decode_all(pots, ems))
            row.update(dev=f1, perType=per)
            if f1 > best[0]:
                best = (f1, epoch, ems, pots)
        history.append(row)
        if log:
            print(f"[{cfg['name']}] {json.dumps(row)}", file=log, flush=True)
        if dev_data and epoch - best[1] >= cfg["patience"]:
            break
        if deadline and time.time() > deadline:
            break
    return model, history, best


def cmd_sweep(args):
    import torch

    torch.set_num_threads(2)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    header, by = load(args.data)
    if args.smoke:
        by["fit"] = by["fit"][:60]
        by["dev"] = by["dev"][:30]
    for name in args.configs.split(","):
        cfg = cfg_of(name)
        if args.smoke:
            cfg["epochs"] = 2
        vocab = Vocab(by["fit"], cfg["min_feat"], cfg["min_word"])
        fit = tensorize(by["fit"], vocab)
        dev = tensorize(by["dev"], vocab)
        deadline = time.time() + args.budget if args.budget else None
        t0 = time.time()
        model, history, best = train(
            torch, cfg, fit, vocab, device, cfg["epochs"], dev, header, deadline, sys.stdout
        )
        f1, epoch, ems, pots = best
        gold = [[LABELS[k] for k in d["y"]] for d in dev]
        crf = [d["crf"] for d in dev]
        cp = crf_pots(header, "fit")
        ens = {}
        for a in ALPHAS:
            ens[str(a)] = score(gold, decode_all(pots, ems, crf, a, cp))
        crf_only = score(gold, decode_crf(crf, cp))
        res = dict(
            name=name,
            config=cfg,
            sizes=vocab.sizes(),
            params=sum(p.numel() for p in model.parameters()),
            best_epoch=epoch,
            dev=f1,
            dev_perType=score(gold, decode_all(pots, ems))[1],
            ensemble_dev=ens,
            crf_dev_check=crf_only,
            history=history,
            seconds=round(time.time() - t0, 1),
            dev_pred=decode_all(pots, ems),
            dev_emissions=[e.round(3).tolist() for e in ems],
            dev_pots=[p.tolist() for p in pots],
        )
        with open(os.path.join(args.out, f"sweep-{name}.json"), "w") as fh:
            json.dump(res, fh)
        print(f"[{name}] best dev {f1} at epoch {epoch}; ensemble {ens}; crf {crf_only[0]}; {res['seconds']} s", flush=True)


def cmd_final(args):
    import torch

    torch.set_num_threads(4)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    header, by = load(args.data)
    cfg = cfg_of(args.config)
    train_sents = by["fit"] + by["dev"]
    vocab = Vocab(train_sents, cfg["min_feat"], cfg["min_word"])
    data = tensorize(train_sents, vocab)
    t0 = time.time()
    model, history, _ = train(torch, cfg, data, vocab, device, args.epochs, None, None, None, sys.stdout)
    pots = pots_of(model)
    cp = crf_pots(header, "shipped")
    out = dict(config=cfg, epochs=args.epochs, alpha=args.alpha, seconds=round(time.time() - t0, 1), history=history, pred={}, ens_pred={})
    for split in ["test", "wojood-train", "wojood-val", "wojood-test"]:
        d = tensorize(by[split], vocab)
        ems = predict_emissions(torch, model, d, device)
        out["pred"][split] = decode_all(pots, ems)
        if args.alpha:
            out["ens_pred"][split] = decode_all(pots, ems, [x["crf"] for x in d], args.alpha, cp)
        if split == "test":
            gold = [[LABELS[k] for k in x["y"]] for x in d]
            print(f"[final {args.config}] test (for the record, not for choosing): {score(gold, out['pred'][split])}", flush=True)
    with open(os.path.join(args.out, f"final-{args.config}.json"), "w") as fh:
        json.dump(out, fh)
    torch.save(model.state_dict(), os.path.join(args.out, f"final-{args.config}.pt"))
    with open(os.path.join(args.out, f"final-{args.config}-vocab.json"), "w") as fh:
        json.dump(dict(feat=vocab.feat, word=vocab.word, char=vocab.char), fh)


def cmd_select(args):
    """The configuration with the best dev F1 (neural alone), its best epoch and the ensemble
    weight that did best with it on dev, as shell words: NAME EPOCHS ALPHA."""
    import glob

    rows = []
    for f in sorted(glob.glob(os.path.join(args.out, "sweep-*.json"))):
        with open(f) as fh:
            r = json.load(fh)
        rows.append((r["dev"], r["name"], r["best_epoch"], r["ensemble_dev"]))
    rows.sort(key=lambda r: (-r[0], r[1]))
    f1, name, epoch, ens = rows[0]
    alpha = max(ens, key=lambda a: (ens[a][0], -float(a)))
    print(name, epoch, alpha)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("cmd", choices=["sweep", "final", "select"])
    p.add_argument("--data", default="ner-data.jsonl.gz")
    p.add_argument("--out", default="out")
    p.add_argument("--configs", default="lstm")
    p.add_argument("--config", default="lstm")
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--alpha", type=float, default=0.0)
    p.add_argument("--budget", type=float, default=0.0, help="seconds of training per configuration")
    p.add_argument("--smoke", action="store_true")
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    if args.cmd == "sweep":
        cmd_sweep(args)
    elif args.cmd == "select":
        cmd_select(args)
    else:
        cmd_final(args)


if __name__ == "__main__":
    main()
