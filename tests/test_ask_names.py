"""The persistent name table (``ask.names``) behind the chat search's index, on real Oxigraph stores:
created beside an on-disk store, reused by a later index without re-reading unchanged graphs, kept up
to date when plans are ingested or dropped, synced once when two callers race, and replaced by an
in-memory table when the file beside the store is unusable. Invented plans and names (no corpus text)."""
from __future__ import annotations

import sqlite3
import threading

from plankg import ask as A
from plankg.ask.index import Index
from plankg.ask.names import NameTable
from plankg.ask.passages import PassageIndex, index_path
from plankg.graph.store import PlanStore

PREFIXES = """
@prefix pk: <https://w3id.org/plankg/def#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix x: <https://w3id.org/plankg/id/> .
@prefix d: <https://w3id.org/plankg/id/division/> .
@prefix v: <https://w3id.org/plankg/vocab/> .
"""
D = "https://w3id.org/plankg/id/division/"
X = "https://w3id.org/plankg/id/"


def graph_of(code: str) -> str:
    return f"https://w3id.org/plankg/graph/{code}-master-2021-2035/draft"


def plan(code: str, county: str, town: str, reservoir: str) -> str:
    """An invented county plan: the county, one town inside it (with an old name), a reservoir."""
    return f"""<{graph_of(code)}> {{
  x:plan\\/{code}-master-2021-2035 a pk:Plan ; eli:title "{county}国土空间总体规划（2021-2035年）" ;
     pk:planId "{code}-master-2021-2035" ; pk:level v:level\\/county ; pk:coversRegion d:{code} .
  d:{code} a pk:County ; rdfs:label "{county}" .
  d:{code}01 a pk:Township ; rdfs:label "{town}" ; skos:altLabel "{town[:-1]}堡" ; pk:withinDivision d:{code} .
  x:r\\/{code} a pk:Reservoir ; rdfs:label "{reservoir}" ; pk:source x:p\\/{code}-1 .
  x:s\\/{code} a pk:Section ; rdfs:label "第二章 水资源" .
  x:p\\/{code}-1 a pk:Paragraph ; pk:text "{town}以北新建{reservoir}，保障{county}城区供水。" ; pk:ordinal 1 ;
     eli:is_part_of x:s\\/{code} .
}}
"""


PLAN_A = plan("777701", "青岚县", "石湾镇", "青岚湖水库")
PLAN_B = plan("777702", "雾松县", "杏溪镇", "雾松塘水库")


def load(store, *docs: str) -> None:
    store.load((PREFIXES + "\n".join(docs)).encode(), fmt="trig")


def sizes(store) -> dict[str, int]:
    return {g: store.graph_size(g) for g in store.graphs()}


def table_graphs(path) -> set[str]:
    with sqlite3.connect(str(path)) as db:
        return {r[0] for r in db.execute("SELECT graph FROM name_graphs")}


def test_the_table_is_created_beside_the_store_and_reused_without_rereading(tmp_path):
    loc = tmp_path / "store"
    with PlanStore(loc) as st:
        load(st, PLAN_A, PLAN_B)
        idx = Index(st)
        assert idx.table.path == index_path(loc) == tmp_path / "store.ask.sqlite"
        assert idx.table.graphs_read == 2
        idx.table.close()
        idx.passages.close()
    assert table_graphs(tmp_path / "store.ask.sqlite") == {graph_of("777701"), graph_of("777702")}
    with PlanStore(loc) as st:  # a later process: the same store, nothing to re-read
        table = NameTable(index_path(loc))
        idx = Index(st, PassageIndex(index_path(loc)), table)
        assert table.graphs_read == 0
        assert {r.iri for r in idx.names["青岚湖水库"]} == {X + "r/777701"}
        table.close()
        idx.passages.close()


def test_lookups_keep_the_dict_semantics():
    st = PlanStore(None)
    load(st, PLAN_A, PLAN_B)
    idx = Index(st)
    town = D + "77770101"
    assert [(r.kind, r.label) for r in idx.names["石湾镇"]] == [("division", "石湾镇")]
    assert [r.label for r in idx.names["石湾堡"]] == ["石湾镇"]  # an old name links to the preferred label
    assert {r.iri for r in idx.names["石湾"]} == {town}  # a division without its suffix
    assert "青岚湖" not in idx.names  # only divisions are found without their suffix
    assert idx.names_of[town] == {"石湾镇", "石湾堡"}
    assert idx.labels[town] == "石湾镇" and idx.labels.get(X + "nothing") is None
    assert idx.types[town] == {"https://w3id.org/plankg/def#Township"}
    assert idx.division_parent[town] == D + "777701" and idx.ancestors(town) == [D + "777701"]
    assert X + "s/777701" not in idx.types  # sections are text units, not things with names
    assert "第二章水资源" not in idx.names
    # iterating a mapping reads the whole table (tools and tests): the same keys as looking each one up
    assert {"石湾镇", "石湾堡", "石湾", "青岚湖水库", "杏溪镇"} <= set(idx.names)
    assert sorted(idx.division_parent) == [town, D + "77770201"]
    assert set(idx.labels) <= set(idx.types) and town in set(idx.labels)
    found = idx.names_in("石湾镇北面的青岚湖水库有多大")
    assert set(found) == {"石湾镇", "石湾", "青岚", "青岚湖水库"}  # 青岚: the county without 县
    assert {p.title for p in idx.main_plans()} == {"青岚县国土空间总体规划（2021-2035年）",
                                                    "雾松县国土空间总体规划（2021-2035年）"}
    st.close()


def test_english_forms_are_found_for_the_names_in_a_question():
    st = PlanStore(None)
    load(st, PLAN_A)
    idx = Index(st)
    found = idx.english_names_in("whereisshiwantownandqinglanhureservoir")
    assert {en: {r.label for r in refs} for en, refs in found.items()} == {
        "shiwantown": {"石湾镇"}, "shiwan": {"石湾镇"}, "qinglanhureservoir": {"青岚湖水库"},
        "qinglan": {"青岚县"}}  # a division's bare stem counts; a reservoir's ("qinglanhu") does not
    assert A.translate_english("Where is Qinglanhu Reservoir?", idx) == "位于哪里青岚湖水库"
    st.close()


def test_answers_follow_ingest_and_drop(tmp_path):
    with PlanStore(tmp_path / "store") as st:
        load(st, PLAN_A)
        res = A.ask(st, "杏溪镇属于哪个县？")
        assert not any("雾松县" in a["label"] for a in res["answers"])
        load(st, PLAN_B)  # a new plan: its names are found
        res = A.ask(st, "杏溪镇属于哪个县？")
        assert [a["label"] for a in res["answers"]] == ["雾松县"]
        st.drop_graph(graph_of("777702"))  # dropped: its names are gone from the table and the answers
        res = A.ask(st, "杏溪镇属于哪个县？")
        assert not any("雾松县" in a["label"] for a in res["answers"])
        assert "杏溪镇" not in A.get_index(st).names
    assert table_graphs(tmp_path / "store.ask.sqlite") == {graph_of("777701")}


def test_two_racing_syncs_read_each_graph_once(tmp_path):
    """Two tables on one file (as two processes would have) sync at the same moment: one reads, the
    other finds the file current."""
    loc = tmp_path / "store"
    with PlanStore(loc) as st:
        load(st, PLAN_A, PLAN_B)
        tables = [NameTable(index_path(loc)), NameTable(index_path(loc))]
        barrier = threading.Barrier(2)
        current = sizes(st)

        def sync(t):
            barrier.wait()
            t.sync(st, current)

        threads = [threading.Thread(target=sync, args=(t,)) for t in tables]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(t.graphs_read for t in tables) == [0, 2]
        for t in tables:
            t.close()


def test_a_corrupt_file_falls_back_to_memory(tmp_path, caplog):
    loc = tmp_path / "store"
    index_path(loc).write_bytes(b"this is not a database" * 100)
    with PlanStore(loc) as st:
        load(st, PLAN_A)
        idx = Index(st)
        assert idx.table.path is None and idx.passages.path is None
        assert {r.iri for r in idx.names["青岚湖水库"]} == {X + "r/777701"}
        assert [a["label"] for a in A.ask(st, "石湾镇属于哪个县？")["answers"]] == ["青岚县"]
    assert "unusable" in caplog.text


def test_an_unopenable_path_falls_back_to_memory(tmp_path):
    loc = tmp_path / "store"
    index_path(loc).mkdir()  # a directory where the file should be: SQLite cannot open it
    with PlanStore(loc) as st:
        load(st, PLAN_A)
        idx = Index(st)
        assert idx.table.path is None
        assert idx.labels[D + "77770101"] == "石湾镇"


def test_a_later_process_sees_a_replaced_graph_of_the_same_name(tmp_path):
    """A plan re-ingested under its old graph name (no new graph in the list): the store's total count
    no longer matches the table's, so the next index counts the graphs and re-reads the changed one.
    (Change is told by triple counts, as for the passages: a same-size replacement goes unseen.)"""
    loc = tmp_path / "store"
    with PlanStore(loc) as st:
        load(st, PLAN_A, PLAN_B)
        first = Index(st, total=len(st))
        first.table.close()
        first.passages.close()
        st.drop_graph(graph_of("777702"))
        renamed = plan("777702", "雾松县", "梅溪镇", "雾松塘水库")  # one more triple: the town's new note
        load(st, renamed.replace("pk:withinDivision d:777702 .", 'pk:withinDivision d:777702 ; rdfs:comment "新设" .'))
        later = Index(st, total=len(st))
        assert later.table.graphs_read == 1
        assert "梅溪镇" in later.names and "杏溪镇" not in later.names
        unchanged = Index(st, PassageIndex(index_path(loc)), NameTable(index_path(loc)), total=len(st))
        assert unchanged.table.graphs_read == 0


def test_a_server_opens_from_the_record_and_checks_the_count_right_after(tmp_path):
    """Warming up, a server trusts the table's recorded counts (no count of the store on the way to its
    first answer); the next question has the count checked in the background, and a change is picked up."""
    loc = tmp_path / "store"
    with PlanStore(loc) as st:
        load(st, PLAN_A, PLAN_B)
        first = Index(st, total=len(st))
        first.table.close()
        first.passages.close()
        load(st, f'<{graph_of("777702")}> {{ d:77770202 a pk:Township ; rdfs:label "竹坪乡" ; '
                 f'pk:withinDivision d:777702 . }}')  # written behind the record's back
        warm = A.get_index(st, trust_recorded=True)
        assert warm.table.graphs_read == 0 and "竹坪乡" not in warm.names
        latest = warm
        for _ in range(200):  # the first caller after it starts the check; wait for the rebuilt index
            latest = A.get_index(st)
            if latest is not warm:
                break
            threading.Event().wait(0.05)
        assert latest is not warm and "竹坪乡" in latest.names
        assert [r.label for r in latest.names["竹坪乡"]] == ["竹坪乡"]
