"""The text ``briefing-tui new`` writes: a briefing that shows every key, with comments."""

from __future__ import annotations

from tui.authoring.emit import SCHEMA_LINE

TEMPLATE = f"""{SCHEMA_LINE}
# (briefing-tui schema > briefing.schema.json saves the schema there.)
#
# A new briefing: replace the examples, delete what you do not need, and check
# it with `briefing-tui validate FILE`. Every key is shown; only `title` and
# `sections` (each with a `heading` and a `body`) are required. The format is
# described in docs/format.md.

format: briefing/1                      # the format version; leave it as it is
title: The headline of the briefing      # required
subtitle: A standfirst shown under the title
summary: >-
  A short summary of the story, in a sentence or two. Long text can be
  folded over several lines like this.
location: City, Country                 # where the story happens (a dateline)
language: en                            # what it is written in: en, es, pt-BR...
source:
  name: Example Wire                    # the publication or organisation
  url: https://example.org/news/story   # an http:// or https:// address
published: 2026-01-31                   # YYYY-MM-DD, or 2026-01-31T14:05:00Z
authors: [First Author, Second Author]
tags: [topic, another topic]

sections:                               # at least one
  - id: first-section                   # optional: a slug of a-z, 0-9 and -
    heading: The first section
    body: |
      A body written as one text: a blank line starts a new paragraph. Inline
      Markdown works: *emphasis*, **strong** and [a link](https://example.org).

      The second paragraph.

  - heading: The second section         # no id: it is the-second-section
    body:                               # a list: one paragraph, quote or list each
      - A paragraph of its own.
      - quote: >-
          Words quoted at length, set apart from the reporting.
        speaker: Jane Doe               # optional
        role: Spokesperson              # optional: the line reads — Jane Doe, Spokesperson
        attribution: Spokesperson Jane Doe   # optional: the credit line as worded
      - bullets:
          - A bulleted item
          - Another item
      - numbered:
          - The first step
          - The second step

talking_points:                         # optional: the points to make
  - A talking point may be plain text
  - text: Or text tied to the section that supports it
    section: first-section              # the id of a section

quotes:                                 # optional: quoted passages
  - speaker: Jane Doe
    role: Spokesperson                  # optional
    section: the-second-section         # optional
    text: Words quoted at length, set apart from the reporting.
"""
