"""Quantities: normalised values and units over many phrasings, and what is not one."""

from __future__ import annotations

import math

import pytest

from storylens.ingest import read
from storylens.understand import load_pipeline
from storylens.understand.quantities import extract_quantities


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def quantities(nlp, text):
    return extract_quantities(nlp(text))


def only(nlp, text, part):
    """The one quantity whose text contains `part`."""
    found = [q for q in quantities(nlp, text) if part in q.text]
    assert len(found) == 1, (part, quantities(nlp, text))
    return found[0]


def close(a, b):
    return a is b is None or (a is not None and b is not None and math.isclose(a, b))


@pytest.mark.parametrize("text, part, value, unit", [
    # percentages, with and without a base
    ("Inflation reached 2% in March.", "2%", 0.02, "percent"),
    ("Inflation reached two percent.", "two percent", 0.02, "percent"),
    ("Inflation reached 2 per cent.", "2 per cent", 0.02, "percent"),
    ("Inflation reached 2 % last month.", "2 %", 0.02, "percent"),
    ("Defence spending of 2% of GDP is the goal.", "2% of GDP", 0.02, "percent of GDP"),
    ("It will spend two percent of GDP on defence.", "two percent of GDP", 0.02,
     "percent of GDP"),
    ("Debt stands at 90 per cent of gross domestic product.", "90 per cent", 0.9,
     "percent of GDP"),
    ("Support fell 3.5 percentage points.", "3.5 percentage points", 0.035,
     "percentage points"),
    # money, in base units with ISO codes
    ("The port asked for €40 million in aid.", "€40 million", 40e6, "EUR"),
    ("The port asked for 40 million euros in aid.", "40 million euros", 40e6, "EUR"),
    ("The firm raised $1.2bn from investors.", "$1.2bn", 1.2e9, "USD"),
    ("The firm raised $ 160 million from investors.", "$ 160 million", 160e6, "USD"),
    ("It led a $2.25-million investment.", "$2.25-million", 2.25e6, "USD"),
    ("A fine of £5m was imposed.", "£5m", 5e6, "GBP"),
    ("The budget is ¥43 trillion.", "¥43 trillion", 43e12, "JPY"),
    ("Tokyo set aside 1.5 billion yen.", "1.5 billion yen", 1.5e9, "JPY"),
    ("Ottawa pledged 3 million Canadian dollars.", "3 million Canadian dollars", 3e6, "CAD"),
    ("The deal was worth US$5 million.", "US$5 million", 5e6, "USD"),
    ("Shares cost 40 cents more.", "40 cents", 0.4, "USD"),
    ("Rewards totaling $30, 000 are offered.", "$30, 000", 30000, "USD"),  # ECB+ spacing
    # counts: the counted noun, singular, hedges left out
    ("Twelve people were hurt.", "Twelve people", 12, "people"),
    ("About 300 residents were evacuated.", "300 residents", 300, "resident"),
    ("Nearly 800 tonnes of grain burned.", "800 tonnes", 800, "tonne"),
    ("Fourteen firefighters arrived.", "Fourteen firefighters", 14, "firefighter"),
    ("Forty-two ships waited offshore.", "Forty-two ships", 42, "ship"),
    ("A dozen cars were damaged.", "A dozen cars", 12, "car"),
    ("The strike hit 2.5 million workers.", "2.5 million workers", 2.5e6, "worker"),
    ("Police counted 1,200 protesters.", "1,200 protesters", 1200, "protester"),
    ("The blaze injured 16 children.", "16 children", 16, "child"),
    ("There were 45 casualties.", "45 casualties", 45, "casualty"),
    ("The pipeline runs 40 km inland.", "40 km", 40, "km"),
    ("Some 2000 people marched.", "2000 people", 2000, "people"),
    # vague plurals: an order of magnitude, not a figure
    ("Hundreds of people fled the area.", "Hundreds of people", None, "people"),
    ("Tens of thousands of protesters marched.", "Tens of thousands of protesters", None,
     "protester"),
    ("Dozens of homes burned.", "Dozens of homes", None, "home"),
    # fractions are proportions
    ("Two thirds of voters backed the plan.", "Two thirds", 2 / 3, "percent"),
    ("Half of the budget went to defence.", "Half", 0.5, "percent"),
    ("A quarter of the fleet was idle.", "A quarter", 0.25, "percent"),
    ("The deficit was cut by half.", "half", 0.5, "percent"),
    # ... of anything but a measure, which they are a part of, or a dozen
    ("Police waited a quarter of a mile away.", "a quarter of a mile", 0.25, "mile"),
    ("The talks lasted half an hour.", "half an hour", 0.5, "hour"),
    ("Half a dozen ships were lost.", "Half a dozen ships", 6, "ship"),
    # multipliers
    ("Japan plans to double its defence spending.", "double", 2.0, "times"),
    ("The city halved its budget.", "halved", 0.5, "times"),
    ("Prices tripled last year.", "tripled", 3.0, "times"),
    ("Three times as many people came.", "Three times", 3.0, "times"),
    ("Sales saw a twofold rise.", "twofold", 2.0, "times"),
    # bare numbers
    ("The quake measured 6.1 on the scale.", "6.1", 6.1, None),
])
def test_value_and_unit(nlp, text, part, value, unit):
    quantity = only(nlp, text, part)
    assert close(quantity.value, value)
    assert quantity.unit == unit


@pytest.mark.parametrize("text, part, value, upper, unit", [
    ("Prices rose between 10 and 12 percent.", "between 10 and 12 percent", 0.10, 0.12,
     "percent"),
    ("Prices rose 10-12% this year.", "10-12%", 0.10, 0.12, "percent"),
    ("Prices rose 10 to 12 percent.", "10 to 12 percent", 0.10, 0.12, "percent"),
    ("The plan will create up to 300 jobs.", "up to 300 jobs", None, 300, "job"),
    ("It costs between 10 and 12 million dollars.", "between 10 and 12 million dollars",
     10e6, 12e6, "USD"),
    ("Some 500-1000 people gathered.", "500-1000 people", 500, 1000, "people"),
])
def test_ranges(nlp, text, part, value, upper, unit):
    quantity = only(nlp, text, part)
    assert (close(quantity.value, value), close(quantity.upper, upper), quantity.unit) == (
        True, True, unit)


def test_a_change_is_two_figures_not_a_range(nlp):
    found = quantities(nlp, "Unemployment rose from 5% to 7%.")
    assert [(q.value, q.upper) for q in found] == [(0.05, None), (0.07, None)]


@pytest.mark.parametrize("text, year", [
    ("Spending will reach 2% of GDP by 2027.", 2027),
    ("Spending will reach two percent of GDP by fiscal year 2027.", 2027),
    ("The goal is investing 2% of GDP in defence in 2027.", 2027),
    ("By 2030, emissions will fall 40 percent.", 2030),
    ("Spending will reach 2% of GDP.", None),
])
def test_target_year(nlp, text, year):
    (quantity,) = [q for q in quantities(nlp, text) if q.unit in ("percent", "percent of GDP")]
    assert quantity.year == year


def test_a_target_year_belongs_to_the_figure_just_before_it(nlp):
    found = quantities(nlp, "Spending, capped at one percent of GDP, will rise to two "
                            "percent of GDP by 2027.")
    assert [(q.value, q.year) for q in found] == [(0.01, None), (0.02, 2027)]


@pytest.mark.parametrize("text", [
    "The bridge opened in 2019.",                              # a year
    "The 2022 election was close.",                            # a year as modifier
    "It happened on March 4, 2023.",                           # a date
    "It happened on Feb . 2 , 2023 at 4 : 59 PM.",             # ECB+ tokenised date/time
    "The shop closes at 5 p.m. on weekdays.",                  # a time of day
    "It was the second time this happened.",                   # an ordinal
    "She finished 3rd in the race.",                           # an ordinal in digits
    "Call 555-0199 or (202) 555-0143 for details.",            # phone numbers
    "The Boeing 737 landed on Route 66.",                      # identifiers in names
    "COVID-19 spread quickly among F-35 crews.",               # identifiers glued to words
    "He lives at No. 10 with one of his friends.",             # a house number, a pronoun
    "On one hand, the plan is popular.",                       # an idiom
    "The bill passed on a 3-2 vote.",                          # a score
    "Music of the 1990s is back.",                             # a decade
    "Ten years ago, a 15-year-old boy vanished.",              # durations and ages
])
def test_not_quantities(nlp, text):
    assert quantities(nlp, text) == ()


def test_percentages_compare_exactly(nlp):
    """Scaling must not leave float noise: 94 percent is 0.94, like "94%"."""
    values = {q.value for q in quantities(nlp, "Some 94 percent agreed; 94% did.")}
    assert values == {0.94}


def test_number_words_compose(nlp):
    found = quantities(nlp, "Twenty-one hundred people and one hundred five thousand "
                            "sheep.")
    assert [(q.value, q.unit) for q in found] == [(2100, "people"), (105000, "sheep")]


@pytest.mark.parametrize("text", ["", "  \n\n ", "$", "between 5 and", "up to", "half",
                                  "1,000,000,000,000,000,000,000"])
def test_odd_input_does_not_break(nlp, text):
    for quantity in quantities(nlp, text):
        assert text[quantity.start:quantity.end] == quantity.text


def test_offsets_index_the_text(nlp):
    text = "Officials said 12 people died and €40 million was pledged."
    for quantity in quantities(nlp, text):
        assert text[quantity.start:quantity.end] == quantity.text


def test_seed_statements_of_the_nato_target_compare_equal(seeds):
    nlp = load_pipeline()
    by_seed = {article.location.split("/")[-1][:3]: extract_quantities(nlp(article.text))
               for article in read([str(seeds)])}
    percent = {seed: [q for q in found if q.unit == "percent of GDP"]
               for seed, found in by_seed.items()}
    (japan_times,) = [q for q in percent["000"] if q.text == "2% of GDP"]
    reuters = [q for q in percent["002"] if q.text == "two percent of GDP"]
    assert reuters and all((q.value, q.unit) == (japan_times.value, japan_times.unit)
                           for q in reuters)
    assert japan_times.value == pytest.approx(0.02)
    assert japan_times.year == 2027 and 2027 in {q.year for q in reuters}
