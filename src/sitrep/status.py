"""``sitrep status``: what the store holds and which items failed, with their reasons."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from sitrep.store.db import Store
from sitrep.store.schema import Article, Event, Mention


def store_status(store: Store, *, max_failures: int = 200) -> dict[str, Any]:
    with store.session() as s:
        by_status = dict(
            s.execute(select(Article.status, func.count()).group_by(Article.status)).all()
        )
        articles = sum(by_status.values())
        clusters = s.scalar(select(func.count(func.distinct(Article.cluster_id)))) or 0
        stories = s.scalar(select(func.count(func.distinct(Article.story_id)))) or 0
        undated = s.scalar(
            select(func.count()).where(Article.published.is_(None), Article.status == "ok")
        )
        # why they are undated, and which articles' language the coder does not read
        undated_reasons = dict(
            s.execute(
                select(Article.published_missing_reason, func.count())
                .where(Article.published.is_(None), Article.status == "ok")
                .group_by(Article.published_missing_reason)
            ).all()
        )
        by_language = dict(
            s.execute(
                select(Article.language, func.count())
                .where(Article.status == "ok")
                .group_by(Article.language)
            ).all()
        )
        live = Event.merged_into.is_(None)
        events = s.scalar(select(func.count()).select_from(Event).where(live)) or 0
        background = s.scalar(
            select(func.count()).select_from(Event).where(live, Event.background.is_(True))
        )
        mentions = s.scalar(select(func.count()).select_from(Mention)) or 0
        by_type = dict(
            s.execute(
                select(Event.event_type, func.count()).where(live).group_by(Event.event_type)
            ).all()
        )
        failures = [
            {"source": src, "article_id": aid, "reason": error}
            for aid, src, error in s.execute(
                select(Article.id, Article.source, Article.error)
                .where(Article.status == "failed")
                .order_by(Article.source)
                .limit(max_failures)
            )
        ]
    lines = [
        f"database: {store.engine.url.render_as_string(hide_password=True)}",
        f"articles: {articles} ({', '.join(f'{k} {v}' for k, v in sorted(by_status.items())) or 'none'})",
        f"duplicate clusters: {clusters}; stories: {stories}; undated articles: {undated}",
        f"events: {events} ({background} background), from {mentions} source sentences",
    ]
    for reason, count in sorted(undated_reasons.items(), key=lambda kv: -kv[1]):
        lines.append(f"  undated {count:5d}: {reason or 'no reason recorded'}")
    from sitrep.ingest.language import language_note

    not_coded = {
        lang: count for lang, count in by_language.items() if language_note(lang) is not None
    }
    for lang, count in sorted(not_coded.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {count} articles: {language_note(lang)}")
    for kind, count in sorted(by_type.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {count:5d}  {kind}")
    if failures:
        lines.append(f"failed items ({len(failures)}):")
        lines.extend(f"  {f['source']}: {f['reason']}" for f in failures)
    return {
        "articles": articles,
        "articles_by_status": by_status,
        "clusters": clusters,
        "stories": stories,
        "undated": undated,
        "undated_reasons": {str(k): v for k, v in undated_reasons.items()},
        "articles_by_language": {str(k): v for k, v in by_language.items()},
        "languages_not_coded": {str(k): v for k, v in not_coded.items()},
        "events": events,
        "background_events": background,
        "mentions": mentions,
        "events_by_type": by_type,
        "failures": failures,
        "text": "\n".join(lines),
    }
