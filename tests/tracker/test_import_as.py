"""``tracker import FILE --as USERNAME`` judges a secretariat's file by that account's rights, record
by record, as the web's upload does (issue 19, point 1): one line, exit 1, nothing written."""
from __future__ import annotations

import copy

import yaml

from tests.conftest import SMALL
from tracker.accounts import add_user


def _file(tmp_path, name: str, doc: dict):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return str(path)


def _two_programmes(cli, tmp_path) -> str:
    """The small bass portfolio and programme ost with its own secretariat (ole); mette's account."""
    assert cli("import", _file(tmp_path, "bass.yaml", SMALL)).code == 0
    ost = {
        "format": SMALL["format"], "programme": {"id": "ost", "name": "Øst", "region": "Region Øst"},
        "specialties": [{"id": "kard", "name": "Kardiologi"}],
        "people": [{"id": "ole", "name": "Ole"}],
        "roles": [{"person": "ole", "role": "secretariat", "programme": "ost"}],
    }
    assert cli("import", _file(tmp_path, "ost.yaml", ost)).code == 0
    add_user(tmp_path / "instance" / "users.db", "mette", "hemmeligt-ord", person="mette")
    return str(tmp_path / "instance")


def test_a_bass_file_giving_a_role_in_ost_is_refused_naming_file_item_field_and_value(cli, tmp_path):
    _two_programmes(cli, tmp_path)
    doc = copy.deepcopy(SMALL)
    doc["roles"].append({"person": "bjorn", "role": "secretariat", "programme": "ost"})
    run = cli("import", _file(tmp_path, "mettes.yaml", doc), "--as", "mette", "--lang", "en")
    assert run.code == 1
    assert run.err == (
        "mettes.yaml: the role 'role~bjorn~secretariat~ost' reaches in the field 'programme' with the value 'ost' "
        "into the programme 'ost', whose secretariat 'mette' is not in; nothing is imported\n"
    )
    assert "role~bjorn~secretariat~ost" not in cli("export", "--programme", "bass").out


def test_a_role_on_oneself_is_refused_with_as_and_given_without(cli, tmp_path):
    _two_programmes(cli, tmp_path)
    doc = copy.deepcopy(SMALL)
    doc["roles"].append({"person": "mette", "role": "steering_group", "programme": "bass"})
    path = _file(tmp_path, "selv.yaml", doc)
    run = cli("import", path, "--as", "mette")
    assert run.code == 1
    assert "selv.yaml: rolle 'role~mette~steering_group~bass' giver 'mette' selv en rolle (feltet 'person', værdien 'mette')" in run.err
    assert cli("import", path).code == 0  # the command line itself may
    assert "role: steering_group" in cli("export", "--programme", "bass").out


def test_mettes_own_file_passes(cli, tmp_path):
    _two_programmes(cli, tmp_path)
    doc = copy.deepcopy(SMALL)
    doc["initiatives"][0]["title"] = "Ny titel"
    assert cli("import", _file(tmp_path, "egen.yaml", doc), "--as", "mette").code == 0
