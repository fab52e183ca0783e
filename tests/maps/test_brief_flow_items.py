"""A brief's list items (a pair with its reasons in two languages, a gap, an action) keep
their indentation when wrapped and are not split across pages unless one is longer than a
page; a sentence of a pair's reason is read on one page (it ran into the footer before)."""
from __future__ import annotations

from maps.print.brief_flow import Flow, item_cut
from maps.print.canvas import page_figure
from maps.print.printmap import _wrap


def test_item_cut_ends_a_page_before_the_item_it_would_split():
    lines = ["1. a", "    why", "    why ru", "2. b", "    why"]
    assert item_cut(lines, 5) == 5            # all fit
    assert item_cut(lines, 3) == 3            # ends between items
    assert item_cut(lines, 4) == 3            # would split item 2: it goes on whole
    assert item_cut(lines, 2) == 0            # the first item does not fit
    assert item_cut(lines, 0) == 0
    assert item_cut(["a", "b", "c"], 2) == 2  # unindented lines are items of their own


def test_wrap_keeps_a_paragraphs_indent_and_hangs_its_wrapped_lines():
    fig = page_figure((8.27, 11.69))
    text = "1. " + "word " * 60 + "\n    " + "why " * 60
    lines = _wrap(fig, text, 3.0, 7.0, hang="  ").split("\n")
    first_para = [i for i, line in enumerate(lines) if line.startswith("1. ")]
    assert first_para == [0]
    why = next(i for i, line in enumerate(lines) if line.startswith("    why"))
    assert why > 1 and all(line.startswith("  ") for line in lines[1:why])
    assert all(line.startswith("      why") for line in lines[why + 1:])  # 4 + hang
    # without a hang, plain text wraps as before; no line is only spaces
    plain = _wrap(fig, "word " * 60, 3.0, 7.0).split("\n")
    assert len(plain) > 2 and not any(line.startswith(" ") for line in plain)
    words = " ".join(" ".join(lines).split())
    assert words == " ".join(text.split())  # nothing lost or doubled


def _flow(page_lines: int) -> Flow:
    """A flow whose pages hold about ``page_lines`` lines of 8 pt text."""
    def page():
        fig = page_figure((8.27, 11.69))
        return fig, 0.9, 0.9 - page_lines * 0.0135
    flow = Flow(new_page=page)
    flow.turn()
    return flow


def _bodies(flow: Flow) -> list[list[str]]:
    """The body lines drawn on each page (texts below a heading, in order)."""
    out = []
    for fig in flow.pages:
        texts = sorted(fig.texts, key=lambda t: -t.get_position()[1])
        out.append([line for t in texts if t.get_fontweight() != "bold"
                    for line in t.get_text().split("\n")])
    return out


def test_items_go_on_whole_to_the_next_page():
    items = [[f"{i}. pair {i}", f"    why {i}", f"    why ru {i}"] for i in range(12)]
    lines = [line for item in items for line in item]
    flow = _flow(page_lines=10)
    flow.section("pairs", list(lines), {"fontsize": 8.5, "fontweight": "bold"},
                 {"fontsize": 7.0, "linespacing": 1.3})
    bodies = _bodies(flow)
    assert len(bodies) > 2
    assert [line for body in bodies for line in body] == lines  # nothing lost, in order
    for body in bodies:
        assert not body[0].startswith(" ")   # a page starts with an item
        assert len(body) % 3 == 0            # and ends with one: none split


def test_an_item_longer_than_a_page_is_still_split_and_all_printed():
    long_item = ["1. long"] + [f"    line {k}" for k in range(40)]
    lines = ["0. short", "    why", *long_item, "2. after"]
    flow = _flow(page_lines=10)
    flow.section("pairs", list(lines), {"fontsize": 8.5, "fontweight": "bold"},
                 {"fontsize": 7.0, "linespacing": 1.3})
    bodies = _bodies(flow)
    assert [line for body in bodies for line in body] == lines
    assert bodies[0] == ["0. short", "    why"]  # the long item starts on a fresh page
