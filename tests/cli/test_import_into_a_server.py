"""`kam import` into a team's PostgreSQL database, beside the same import into
a file: the same accounts, people and deals, read back the same by every
command; a second import changes nothing; two people importing at once take
turns; a server that is not there, or that drops the connection halfway, is
one line and leaves nothing written."""

from __future__ import annotations

import json
import os
import socket
import subprocess
from pathlib import Path

import pytest

from kam_tui.importer import apply_import, parse_file
from kam_tui.services import accounts, opportunities, stakeholders
from kam_tui.store.engine import new_session, open_database
from kam_tui.store.errors import StorageError
from kam_tui.store.location import Location
from tests.command_output import one_line_error
from tests.conftest import _kam_command
from tests.importer import crm_files as crm
from tests.tui.test_app_postgres import drop_connections

pytestmark = pytest.mark.postgres

FIXTURES = Path(__file__).parents[1] / "fixtures" / "crm"


def crm_files(folder: Path) -> list[Path]:
    """A whole Salesforce set (accounts, then their contacts and opportunities),
    then HubSpot's companies, contacts and deals, as the CRMs export them."""
    folder.mkdir()
    made = []
    for name, data in (
        ("Account.csv", crm.salesforce_accounts()),
        ("Contact.csv", crm.salesforce_contacts()),
        ("Opportunity.csv", crm.salesforce_opportunities()),
        ("hubspot-companies.csv", (FIXTURES / "hubspot_companies.csv").read_bytes()),
        ("hubspot-contacts.csv", crm.hubspot_contacts()),
        ("hubspot-deals.csv", crm.hubspot_deals()),
    ):
        path = folder / name
        path.write_bytes(data)
        made.append(path)
    return made


@pytest.fixture
def twins(kam, tmp_path, new_pg_database) -> tuple[Location, Location]:
    """An empty kam file and an empty kam database on the server."""
    file, server = Location.file(tmp_path / "kam.db"), Location(url=new_pg_database(icu="en"))
    for where in (file, server):
        assert kam("init", db=where).returncode == 0
    return file, server


def exports(kam, where: Location, folder: Path) -> dict[str, bytes]:
    done = kam("export", "--all", "-o", str(folder), db=where)
    assert done.returncode == 0, done.stderr
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_an_import_into_a_server_reads_back_as_the_same_import_into_a_file(kam, twins, tmp_path):
    file, server = twins
    for path in crm_files(tmp_path / "crm"):
        on_file, on_server = kam("import", str(path), db=file), kam("import", str(path), db=server)
        assert on_file.returncode == on_server.returncode == 0, on_server.stderr
        assert on_file.stdout == on_server.stdout, path.name  # the same summary, row for row
    listed = kam("list", "--json", db=server)
    assert listed.stdout == kam("list", "--json", db=file).stdout
    accounts_listed = len(json.loads(listed.stdout))
    assert accounts_listed == 5  # Salesforce's two, HubSpot's four, Acme in both
    on_file, on_server = exports(kam, file, tmp_path / "f"), exports(kam, server, tmp_path / "s")
    assert on_server == on_file and len(on_server) == accounts_listed + 1  # every plan, and the portfolio


def test_people_and_deals_arrive_on_a_server_and_a_second_import_changes_nothing(kam, twins, tmp_path):
    _file, server = twins
    files = crm_files(tmp_path / "crm")
    for path in files:
        assert kam("import", str(path), db=server).returncode == 0
    engine = open_database(server)
    try:
        with new_session(engine) as s:
            acme = accounts.find_account(s, "Acme Corporation")
            people = {p.id: p for p in stakeholders.list_stakeholders(s, acme.id)}
            deals = opportunities.list_opportunities(s, acme.id)
        named = {p.name: p for p in people.values()}
        assert named["Jane Miller"].title == "Chief Executive Officer" and named["Jane Miller"].crm_id
        managed = [p for p in people.values() if p.reports_to_id is not None]
        assert managed and all(p.reports_to_id in people for p in managed)  # reporting lines, within the account
        assert deals and any(d.value is not None for d in deals)
    finally:
        engine.dispose()
    before = exports(kam, server, tmp_path / "before")
    listed = kam("list", "--json", db=server).stdout
    for path in files:
        again = kam("import", str(path), db=server)
        assert again.returncode == 0 and " 0 created, 0 updated" in again.stdout, again.stdout
    assert kam("list", "--json", db=server).stdout == listed
    assert exports(kam, server, tmp_path / "after") == before


def test_a_dry_run_on_a_server_shows_the_plan_and_writes_nothing(kam, pg_url):
    assert kam("init", db=pg_url).returncode == 0
    dry = kam("import", str(FIXTURES / "salesforce_report.csv"), "--dry-run", db=pg_url)
    assert dry.returncode == 0 and "Dry run, nothing written: 8 rows read, 8 would be created" in dry.stdout
    assert json.loads(kam("list", "--json", db=pg_url).stdout) == []


def test_two_people_importing_one_file_at_once_take_turns(kam, pg_url, tmp_path):
    """Two `kam import` at the same moment: the second waits for the first,
    then finds every account there; nothing is doubled, nobody sees an error."""
    assert kam("init", db=pg_url).returncode == 0
    big = tmp_path / "accounts.csv"
    big.write_text(
        "Account ID,Account Name,Industry\n" + "".join(f"A{i:05d},Company {i:05d},Steel\n" for i in range(3000)),
        encoding="utf-8",
    )
    command = [*_kam_command(), "import", str(big), "--db", pg_url]
    env = kam_env(tmp_path)
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)]
    runs.append(subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env))
    outs = [r.communicate(timeout=120) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], [err for _out, err in outs]
    said = [next(line for line in out.splitlines() if line.startswith("Imported:")) for out, _err in outs]
    assert sorted(" 3,000 created" in line for line in said) == [False, True], said
    assert sorted(" 3,000 unchanged" in line for line in said) == [False, True], said
    listed = json.loads(kam("list", "--json", db=pg_url).stdout)
    assert len(listed) == len({a["name"] for a in listed}) == 3000


def kam_env(tmp_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
    }
    env.pop("KAM_DB", None)
    return env


def test_an_import_into_a_server_that_refuses_the_connection_is_one_line(kam, tmp_path):
    with socket.socket() as free:  # a port nobody listens on
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    url = f"postgresql://kam@127.0.0.1:{port}/kam"
    for args in ((), ("--dry-run",)):
        line = one_line_error(kam("import", str(FIXTURES / "salesforce_report.csv"), *args, db=url))
        assert f"cannot reach the server at 127.0.0.1:{port} (connection refused)" in line, line


def test_a_connection_lost_halfway_through_an_import_leaves_nothing_written(pg_url):
    where = Location(url=pg_url)
    engine = open_database(where)
    with new_session(engine) as s:
        accounts.create_account(s, "Already there")
    lines = ["Account Name"] + [f"Company {i:04d}" for i in range(4500)]
    dropped: list[int] = []

    def progress(done: int, total: int) -> None:
        if not dropped:  # after the first batch, the server goes away under the import
            dropped.append(drop_connections(pg_url))

    with pytest.raises(StorageError) as lost:
        apply_import(engine, parse_file("\n".join(lines).encode()), progress)
    engine.dispose()
    assert dropped[0] >= 1
    said = str(lost.value)
    assert "connection to the server" in said and "lost" in said and "\n" not in said
    engine = open_database(where)
    try:
        with new_session(engine) as s:
            assert [a.name for a in accounts.list_accounts(s)] == ["Already there"]
    finally:
        engine.dispose()
