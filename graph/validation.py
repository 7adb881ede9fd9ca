"""Validation of a change set as a whole against the stored portfolio (references, kinds, deletes).

Field-level rules were checked when the records were parsed (graph.changeset.parse_record).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from graph.problems import InvalidChangeSet, Problem
from graph.record import ChangeSet
from graph.schema import references_of, role_target_kind

#: existing(ids) -> {id: kind} for the ids that the store holds.
KindLookup = Callable[[Iterable[str]], dict[str, str]]
#: referrers(ids) -> {id: [(referrer id, referrer kind), ...]} for stored items that refer to them.
ReferrerLookup = Callable[[Iterable[str]], dict[str, list[tuple[str, str]]]]


def validate(changes: ChangeSet, existing: KindLookup, referrers: ReferrerLookup) -> None:
    """Check a change set against itself and the stored portfolio; raise InvalidChangeSet listing every problem.

    Checks: duplicate ids, an id reused for another kind, references that dangle or point at the
    wrong kind, roles pointing at the wrong kind of target, deletes of missing items and of items
    something still refers to. Field-level rules (lengths, enumerations, dates, themes) were
    checked when the records were parsed.
    """
    problems: list[Problem] = []
    new_kind: dict[str, str] = {}
    first_origin: dict[str, str] = {}
    for rec in changes.upserts:
        if rec.id in new_kind:
            problems.append(Problem("duplicate_id", rec.origin, rec.id, "id", {"id": rec.id, "other": first_origin[rec.id]}))
        else:
            new_kind[rec.id] = rec.kind
            first_origin[rec.id] = rec.origin
    deleted = set(changes.deletes)

    # Each record's references, worked out once (three passes below need them).
    references = [references_of(rec.kind, rec.data) for rec in changes.upserts]
    wanted: set[str] = set(new_kind) | deleted
    for refs in references:
        wanted.update(t for _, t in refs)
    stored = existing(wanted)

    for rec in changes.upserts:
        old = stored.get(rec.id)
        if old is not None and old != rec.kind and rec.id not in deleted:
            problems.append(Problem("kind_clash", rec.origin, rec.id, "id", {"id": rec.id, "existing": old}))

    def kind_of(target: str) -> str | None:
        if target in new_kind:
            return new_kind[target]
        if target in deleted:
            return None
        return stored.get(target)

    for rec, refs in zip(changes.upserts, references, strict=True):
        for ref, target in refs:
            actual = kind_of(target)
            if actual is None:
                problems.append(Problem("dangling", rec.origin, rec.id, ref.field, {"target": target}))
            elif actual not in ref.targets:
                problems.append(
                    Problem(
                        "wrong_kind",
                        rec.origin,
                        rec.id,
                        ref.field,
                        {"target": target, "actual": actual, "expected": ref.targets[0]},
                    )
                )
        if rec.kind == "role":
            expected = role_target_kind(rec.data["role"])
            actual_field = next(f for f in ("specialty", "strength_position", "programme") if f in rec.data)
            if actual_field != expected:
                problems.append(
                    Problem(
                        "role_target", rec.origin, rec.id, actual_field,
                        {"role": rec.data["role"], "expected": expected, "actual": actual_field},
                    )
                )

    if deleted:
        missing = [d for d in changes.deletes if d not in stored and d not in new_kind]
        problems.extend(Problem("delete_missing", "delete", d, None, {"id": d}) for d in missing)
        rewritten = {rec.id: {t for _, t in refs} for rec, refs in zip(changes.upserts, references, strict=True)}
        for target, referring in referrers(deleted).items():
            still = [
                r for r, _ in referring if r not in deleted and (r not in rewritten or target in rewritten[r])
            ]
            if still:
                shown = ", ".join(sorted(still)[:5]) + (f" (+{len(still) - 5})" if len(still) > 5 else "")
                problems.append(Problem("still_referenced", "delete", target, None, {"id": target, "referrers": shown}))

    if problems:
        raise InvalidChangeSet(problems)
