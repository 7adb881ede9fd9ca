"""Validation of a change set as a whole against the stored portfolio (references, kinds, deletes).

Field-level rules were checked when the records were parsed (graph.changeset.parse_record).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from graph.problems import InvalidChangeSet, Problem
from graph.record import ChangeSet, Record
from graph.schema import Reference, references_of, role_target_kind

#: existing(ids) -> {id: kind} for the ids that the store holds.
KindLookup = Callable[[Iterable[str]], dict[str, str]]
#: referrers(ids) -> {id: [(referrer id, referrer kind), ...]} for stored items that refer to them.
ReferrerLookup = Callable[[Iterable[str]], dict[str, list[tuple[str, str]]]]


def validate(changes: ChangeSet, existing: KindLookup, referrers: ReferrerLookup) -> None:
    """Check a change set against itself and the stored portfolio; raise InvalidChangeSet listing every problem.

    Checks: duplicate ids, an id reused for another kind, references that dangle or point at the
    wrong kind, roles pointing at the wrong kind of target, deletes of missing items and of items
    something still refers to. Field-level rules (lengths, enumerations, dates, themes) were
    checked when the records were parsed. Problems are listed in that order, record by record.
    """
    problems, new_kind = _duplicate_ids(changes)
    deleted = set(changes.deletes)
    # Each record's references, worked out once (three passes below need them).
    references = [references_of(rec.kind, rec.data) for rec in changes.upserts]
    wanted: set[str] = set(new_kind) | deleted
    for refs in references:
        wanted.update(t for _, t in refs)
    stored = existing(wanted)
    problems += [
        Problem("kind_clash", rec.origin, rec.id, "id", {"id": rec.id, "existing": stored[rec.id]})
        for rec in changes.upserts
        if stored.get(rec.id) not in (None, rec.kind) and rec.id not in deleted
    ]

    def kind_of(target: str) -> str | None:
        if target in new_kind:
            return new_kind[target]
        return None if target in deleted else stored.get(target)

    for rec, refs in zip(changes.upserts, references, strict=True):
        problems += _reference_problems(rec, refs, kind_of)
        if rec.kind == "role":
            problems += _role_target_problems(rec)
    if deleted:
        problems += _delete_problems(changes, references, stored, new_kind, referrers)
    if problems:
        raise InvalidChangeSet(problems)


def _duplicate_ids(changes: ChangeSet) -> tuple[list[Problem], dict[str, str]]:
    """Problems of ids given twice, and the kind of each id the change set writes (its first)."""
    problems: list[Problem] = []
    new_kind: dict[str, str] = {}
    first_origin: dict[str, str] = {}
    for rec in changes.upserts:
        if rec.id in new_kind:
            problems.append(Problem("duplicate_id", rec.origin, rec.id, "id", {"id": rec.id, "other": first_origin[rec.id]}))
        else:
            new_kind[rec.id] = rec.kind
            first_origin[rec.id] = rec.origin
    return problems, new_kind


def _reference_problems(rec: Record, refs: list[tuple[Reference, str]], kind_of: Callable[[str], str | None]) -> list[Problem]:
    """A record's references that point at nothing or at the wrong kind."""
    problems: list[Problem] = []
    for ref, target in refs:
        actual = kind_of(target)
        if actual is None:
            problems.append(Problem("dangling", rec.origin, rec.id, ref.field, {"target": target}))
        elif actual not in ref.targets:
            problems.append(
                Problem("wrong_kind", rec.origin, rec.id, ref.field, {"target": target, "actual": actual, "expected": ref.targets[0]})
            )
    return problems


def _role_target_problems(rec: Record) -> list[Problem]:
    """A role pointing at another kind of target than its role asks for (a lead at a specialty)."""
    expected = role_target_kind(rec.data["role"])
    actual_field = next(f for f in ("specialty", "strength_position", "programme") if f in rec.data)
    if actual_field == expected:
        return []
    return [Problem("role_target", rec.origin, rec.id, actual_field, {"role": rec.data["role"], "expected": expected, "actual": actual_field})]


def _delete_problems(
    changes: ChangeSet,
    references: list[list[tuple[Reference, str]]],
    stored: dict[str, str],
    new_kind: dict[str, str],
    referrers: ReferrerLookup,
) -> list[Problem]:
    """Deletes of items that are not there, and of items that something kept still refers to."""
    deleted = set(changes.deletes)
    problems = [Problem("delete_missing", "delete", d, None, {"id": d}) for d in changes.deletes if d not in stored and d not in new_kind]
    rewritten = {rec.id: {t for _, t in refs} for rec, refs in zip(changes.upserts, references, strict=True)}
    for target, referring in referrers(deleted).items():
        still = [r for r, _ in referring if r not in deleted and (r not in rewritten or target in rewritten[r])]
        if still:
            shown = ", ".join(sorted(still)[:5]) + (f" (+{len(still) - 5})" if len(still) > 5 else "")
            problems.append(Problem("still_referenced", "delete", target, None, {"id": target, "referrers": shown}))
    return problems
