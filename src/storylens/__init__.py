"""storylens: what happened, according to whom.

Read news from many outlets, group it into stories, and say for each story which
facts independent outlets corroborate, who said what, and what each outlet left out.
"""

__version__ = "0.1.0"
