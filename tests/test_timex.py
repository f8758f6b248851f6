"""Time expressions: resolution against the publication date, over many phrasings."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Doc

from storylens.ingest import read
from storylens.understand import load_pipeline
from storylens.understand.timex import extract_times

#: Thursday 2 February 2023, the day the seed 004 was posted.
THURSDAY = dt.date(2023, 2, 2)
D = dt.date


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def only(nlp, text, part, published=THURSDAY):
    """The one time expression of `text` whose text contains `part`."""
    found = [t for t in extract_times(nlp(text), published) if part in t.text]
    assert len(found) == 1, (part, extract_times(nlp(text), published))
    return found[0]


@pytest.mark.parametrize("text, part, date, granularity", [
    # weekdays: past tense (and bare) look back, future looks ahead
    ("The minister visited Tokyo on Tuesday.", "Tuesday", D(2023, 1, 31), "day"),
    ("The spokeswoman said Wednesday that talks failed.", "Wednesday", D(2023, 2, 1), "day"),
    ("The summit opened on Thursday.", "Thursday", D(2023, 2, 2), "day"),
    ("Leaders met on Friday.", "Friday", D(2023, 1, 27), "day"),
    ("Leaders will meet on Friday.", "Friday", D(2023, 2, 3), "day"),
    ("The envoy is meeting rebels on Monday.", "Monday", D(2023, 2, 6), "day"),
    ("Trump is set to meet them on Friday.", "Friday", D(2023, 2, 3), "day"),
    ("The bloc plans to vote on Monday.", "Monday", D(2023, 2, 6), "day"),
    # from a past verb an infinitive looks ahead of it: the occurrence nearest
    ("The two pledged to meet again on Monday.", "Monday", D(2023, 1, 30), "day"),
    ("He had been expected to visit the victims on Saturday.", "Saturday", D(2023, 2, 4),
     "day"),
    # a perfect infinitive tells what is done
    ("The woman is believed to have detonated a vest Monday.", "Monday", D(2023, 1, 30),
     "day"),
    # a future seen from the saying: the occurrence nearest publication
    ("He said the port would reopen on Friday.", "Friday", D(2023, 2, 3), "day"),
    ("She said on Monday the vote would be held on Tuesday.", "Tuesday", D(2023, 1, 31),
     "day"),
    ("He said the talks would have ended on Monday.", "Monday", D(2023, 1, 30), "day"),
    ("The vote was expected on Friday.", "Friday", D(2023, 2, 3), "day"),
    ("The vote was scheduled on Monday.", "Monday", D(2023, 1, 30), "day"),
    # outside reported words, "would" tells a plan
    ("If it passes, a final vote would occur on Monday.", "Monday", D(2023, 2, 6), "day"),
    ("Sall said the harbour would reopen to shipping on Friday.", "Friday", D(2023, 2, 3),
     "day"),
    # other modals too; "could not be reached" looks back
    ("The Senate could begin debate on Saturday.", "Saturday", D(2023, 2, 4), "day"),
    ("The mayor could not be reached for comment on Monday.", "Monday", D(2023, 1, 30),
     "day"),
    # a gerund completing a verb has its tense, and a bare verb coordinated with one
    ("A jury could begin hearing evidence Saturday.", "Saturday", D(2023, 2, 4), "day"),
    ("Members were expected to review it on Friday and then get copies on Saturday.",
     "Saturday", D(2023, 2, 4), "day"),
    # a weekday modifying a noun: the verb the noun hangs on tells when
    ("Leaders plan a Saturday vote on the bill.", "Saturday", D(2023, 2, 4), "day"),
    ("The chamber is moving toward a Friday vote.", "Friday", D(2023, 2, 3), "day"),
    ("The Tuesday attack killed five people.", "Tuesday", D(2023, 1, 31), "day"),
    # a participle describing a noun tells what was done
    ("The court upheld the proclamation issued in March.", "March", D(2022, 3, 1), "month"),
    ("The court will rule on the summit planned in March.", "March", D(2023, 3, 1), "month"),
    # an event owned by its day, told in the present, is the nearest one
    ("Wednesday's mass shooting at the church comes after a year of protests.",
     "Wednesday", D(2023, 2, 1), "day"),
    # what is set for a day lies ahead
    ("The chairman has scheduled a vote for Monday.", "Monday", D(2023, 2, 6), "day"),
    ("The senator praised the mayor's tone in his plea for calm Monday against what he "
     "called a small minority.", "Monday", D(2023, 1, 30), "day"),
    # a simple present is what is scheduled, unless it tells what someone said
    ("The court hears arguments on Tuesday.", "Tuesday", D(2023, 2, 7), "day"),
    ("Mourning begins Sunday.", "Sunday", D(2023, 2, 5), "day"),
    ("The minister says Tuesday that talks failed.", "Tuesday", D(2023, 1, 31), "day"),
    ("The vote is next Tuesday.", "next Tuesday", D(2023, 2, 7), "day"),
    ("The vote was last Thursday.", "last Thursday", D(2023, 1, 26), "day"),
    # a month's day with no year, placed by the word before it
    ("He blamed the focus on the attack last December 11 for the loss.",
     "last December 11", D(2022, 12, 11), "day"),
    ("The trial opens next January 30.", "next January 30", D(2024, 1, 30), "day"),
    # "since" a month's day, or an attack it names, lies in the past
    ("The agency has changed since March 1.", "March 1", D(2022, 3, 1), "day"),
    ("He was linked to the March 1 harbour attack.", "March 1", D(2022, 3, 1), "day"),
    ("The law came after the terrorist attacks of March 1.", "March 1", D(2022, 3, 1),
     "day"),
    # a month opening a range takes the year that closes it
    ("Lee was chair from March to August 2016.", "March", D(2016, 3, 1), "month"),
    ("The plan ran from December through February 2017.", "December", D(2016, 12, 1),
     "month"),
    ("The aides traveled from February 20 to March 3, 2021.", "February 20", D(2021, 2, 20),
     "day"),
    ("The talks ran from December 30 to January 3, 2021.", "December 30", D(2020, 12, 30),
     "day"),
    ("Fighting resumed Tuesday night.", "Tuesday night", D(2023, 1, 31), "day"),
    # deictic
    ("The port reopened yesterday.", "yesterday", D(2023, 2, 1), "day"),
    ("Talks resume tomorrow.", "tomorrow", D(2023, 2, 3), "day"),
    ("Today the board meets.", "Today", THURSDAY, "day"),
    # relative periods, first day of the period
    ("Prices rose last week.", "last week", D(2023, 1, 23), "week"),
    ("Prices rose last month.", "last month", D(2023, 1, 1), "month"),
    ("Prices rose late last year.", "late last year", D(2022, 1, 1), "year"),
    ("Prices will rise next year.", "next year", D(2024, 1, 1), "year"),
    ("Earlier this year, prices rose.", "this year", D(2023, 1, 1), "year"),
    ("The plant closed two years ago.", "two years ago", D(2021, 1, 1), "year"),
    ("The plant closed 3 days ago.", "3 days ago", D(2023, 1, 30), "day"),
    ("Results came last quarter.", "last quarter", D(2022, 10, 1), "quarter"),
    # months and seasons without their year
    ("The leaders met at a summit last June.", "last June", D(2022, 6, 1), "month"),
    ("In December last year, Tokyo announced a build-up.", "December last year",
     D(2022, 12, 1), "month"),
    ("The summit will be held in May.", "May", D(2023, 5, 1), "month"),
    ("The factory closed in December.", "December", D(2022, 12, 1), "month"),
    ("The dam will open this spring.", "this spring", D(2023, 3, 1), "season"),
    ("The drought hit last summer.", "last summer", D(2022, 6, 1), "season"),
    ("Snow came early this winter.", "this winter", D(2022, 12, 1), "season"),
    ("Talks are set for March 4.", "March 4", D(2023, 3, 4), "day"),
    ("The strike began on January 31st.", "January 31st", D(2023, 1, 31), "day"),
    ("They met after a Tuesday, January 31st, meeting.", "Tuesday, January 31st",
     D(2023, 1, 31), "day"),
    ("Results for the third quarter were weak.", "third quarter", D(2022, 7, 1), "quarter"),
    ("Sales will recover in the third quarter.", "third quarter", D(2023, 7, 1), "quarter"),
    # absolute: no publication date needed
    ("The law passed on 4 March 2025.", "4 March 2025", D(2025, 3, 4), "day"),
    ("The law passed on February 2, 2023.", "February 2, 2023", D(2023, 2, 2), "day"),
    ("The law passed on Feb. 2, 2023.", "Feb. 2, 2023", D(2023, 2, 2), "day"),
    ("The bridge opened on Feb . 2 , 2023 at 4 : 59 PM.", "Feb . 2 , 2023", D(2023, 2, 2),
     "day"),
    ("The law passed on 2023-02-02.", "2023-02-02", D(2023, 2, 2), "day"),
    ("The law passed in March 2025.", "March 2025", D(2025, 3, 1), "month"),
    # a comma before the year: the month is that year's, not the nearest one
    ("In January, 2012, the senator said so.", "January, 2012", D(2012, 1, 1), "month"),
    ("Spending will double in 2027.", "2027", D(2027, 1, 1), "year"),
    ("Prices have risen since 2021.", "since 2021", D(2021, 1, 1), "year"),
    ("Spending will reach 2% by fiscal year 2027.", "fiscal year 2027", D(2027, 1, 1), "year"),
    ("The FY2024 budget passed.", "FY2024", D(2024, 1, 1), "year"),
    ("The FY27 budget passed.", "FY27", D(2027, 1, 1), "year"),
    ("The FY99 budget passed.", "FY99", D(1999, 1, 1), "year"),
    ("The band was big in the 1990s.", "the 1990s", D(1990, 1, 1), "decade"),
    ("The biggest build-up since the 1940s.", "the 1940s", D(1940, 1, 1), "decade"),
    ("Sales fell in the third quarter of 2022.", "the third quarter of 2022", D(2022, 7, 1),
     "quarter"),
    ("Sales fell in Q1 2023.", "Q1 2023", D(2023, 1, 1), "quarter"),
    ("The dam opened in spring 2024.", "spring 2024", D(2024, 3, 1), "season"),
    ("The 2022 election was close.", "2022", D(2022, 1, 1), "year"),
])
def test_resolution(nlp, text, part, date, granularity):
    expression = only(nlp, text, part)
    assert (expression.date, expression.granularity) == (date, granularity)


@pytest.mark.parametrize("text, part, date", [
    # the anchor is the day just told, not the publication date
    ("The minister arrived on Tuesday. He had visited Seoul the day before.",
     "the day before", D(2023, 1, 30)),
    ("Talks ended on January 20. A day earlier, rebels left.", "A day earlier",
     D(2023, 1, 19)),
    ("Talks ended on January 20. The next day, rebels left.", "The next day", D(2023, 1, 21)),
    ("Talks ended on January 20. A week later, rebels left.", "A week later", D(2023, 1, 27)),
    # a year or month after the latest expression of any granularity
    ("He came in 2009 and was jailed the next year.", "the next year", D(2010, 1, 1)),
    ("Talks began in March 2021; a month earlier, rebels left.", "a month earlier",
     D(2021, 2, 1)),
    # and the publication date when no day was told before it
    ("A day earlier, rebels left the city.", "A day earlier", D(2023, 2, 1)),
])
def test_anchored_expressions(nlp, text, part, date):
    assert only(nlp, text, part).date == date


def test_a_measure_decreed_for_days_ahead_and_a_range_of_weekdays(nlp):
    # a Friday's report: the mourning period lies ahead of the declaring, and a range
    # of weekdays ends after it begins
    friday = D(2023, 2, 3)
    text = "The mayor declared a mourning period from Saturday to Monday."
    assert only(nlp, text, "Saturday", friday).date == D(2023, 2, 4)
    assert only(nlp, text, "Monday", friday).date == D(2023, 2, 6)
    text = "The festival ran from Saturday to Monday."
    assert only(nlp, text, "Saturday", friday).date == D(2023, 1, 28)
    assert only(nlp, text, "Monday", friday).date == D(2023, 1, 30)


@pytest.mark.parametrize("text, part, granularity", [
    ("The minister visited Tokyo on Tuesday.", "Tuesday", "day"),
    ("The port reopened yesterday.", "yesterday", "day"),
    ("Prices rose last month.", "last month", "month"),
    ("The plant closed two years ago.", "two years ago", "year"),
    ("The dam will open this spring.", "this spring", "season"),
    ("Talks are set for March 4.", "March 4", "day"),
    ("A day earlier, rebels left the city.", "A day earlier", "day"),
])
def test_relative_expressions_without_publication_date_stay_unresolved(nlp, text, part,
                                                                       granularity):
    expression = only(nlp, text, part, published=None)
    assert (expression.date, expression.granularity) == (None, granularity)


def test_absolute_expressions_resolve_without_publication_date(nlp):
    found = extract_times(nlp("Spending rose in 2027 and on 4 March 2025, since the "
                              "1990s."), None)
    assert [(t.text, t.date) for t in found] == [
        ("2027", D(2027, 1, 1)), ("4 March 2025", D(2025, 3, 4)),
        ("the 1990s", D(1990, 1, 1))]


def test_a_bare_year_is_never_filled_from_today(nlp):
    (expression,) = extract_times(nlp("The plant opened in 2019."), None)
    assert (expression.date, expression.granularity) == (D(2019, 1, 1), "year")


def test_a_gerund_with_a_determiner_is_a_noun_whose_verb_tells_when(nlp):
    # "the Monday hearing" tagged a gerund, as the parser does in longer sentences
    words = ["The", "agency", "delivers", "the", "files", "by", "the", "Monday", "hearing", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 8 + [False, False],
              heads=[1, 2, 2, 4, 2, 2, 8, 8, 5, 2],
              deps=["det", "nsubj", "ROOT", "det", "dobj", "prep", "det", "compound", "pobj",
                    "punct"],
              tags=["DT", "NN", "VBZ", "DT", "NNS", "IN", "DT", "NNP", "VBG", "."],
              pos=["DET", "NOUN", "VERB", "DET", "NOUN", "ADP", "DET", "PROPN", "VERB", "PUNCT"])
    (monday,) = extract_times(doc, THURSDAY)
    assert monday.date == D(2023, 2, 6)


@pytest.mark.parametrize("text", [
    "May I ask you a question?",                         # the modal, not the month
    "The March on Washington drew crowds.",              # a name
    "The fall of Kabul shocked the world.",              # a fall, not autumn
    "Officials said 12 people died.",                    # a number, not a year
    "He scored 2,000 points.",
    "The day before the election, polls closed.",        # anchored to another event
    "The clashes came a day after several developments.",  # after those, not a day
    "USA TODAY first reported the story.",               # a name in capitals
    "Gannett publishes USA Today.",                      # names
    "On Easter Sunday, bombs hit churches.",             # a day of the calendar
    "Candidates campaigned before Super Tuesday.",
    "Matthews called it the Tuesday Night Massacre.",    # names
    "He watched Monday Night Football.",
    "She told Fox News Sunday that she would run.",       # a programme
    "He flew back from Mar-a-Lago.",                     # no month
    'His mother told NBC\'s "Today" show she wants justice.',
    'He said on "This Week" that he would run.',         # a programme
])
def test_not_time_expressions(nlp, text):
    assert extract_times(nlp(text), THURSDAY) == ()


@pytest.mark.parametrize("text", ["", "  \n\n ", "February 30, 2023", "Q9 and the 00s",
                                  "March 45 and 13/45/2023"])
def test_odd_input_gives_nothing_or_valid_dates(nlp, text):
    for expression in extract_times(nlp(text), THURSDAY):
        assert expression.date is None or isinstance(expression.date, dt.date)
    assert not any("February 30" in t.text for t in extract_times(nlp(text), THURSDAY))


def test_offsets_index_the_text(nlp):
    text = "On Tuesday, a day earlier than planned in 2023, leaders met last week."
    for expression in extract_times(nlp(text), THURSDAY):
        assert text[expression.start:expression.end] == expression.text


def test_seeds(seeds):
    nlp = load_pipeline()
    articles = {a.location.split("/")[-1][:3]: a for a in read([str(seeds)])}
    posted = articles["004"]
    assert posted.published == THURSDAY
    times = extract_times(nlp(posted.text), posted.published)
    tuesday = [t for t in times if "Tuesday" in t.text]
    assert tuesday and all(t.date == D(2023, 1, 31) for t in tuesday)
    assert [t.date for t in times if t.text == "Monday"] == [D(2023, 1, 30)]
    assert D(2022, 6, 1) in [t.date for t in times if t.text == "last June"]
    # 000 carries no publication date: its "on Tuesday" stays unresolved.
    undated = articles["000"]
    assert undated.published is None
    times = extract_times(nlp(undated.text), None)
    assert [t.date for t in times if t.text == "Tuesday"] == [None]


def test_a_weekday_before_a_date_picks_its_year(nlp):
    # In a story dated 11 August 2014, "Friday, August 15" is 2014's (a Friday) and
    # "Thursday, August 15" 2013's (a Thursday): the weekday picks the year.
    published = D(2014, 8, 11)
    assert only(nlp, "On Friday, August 15, the chief released the name.", "August",
                published).date == D(2014, 8, 15)
    assert only(nlp, "On Thursday, August 15, the chief released the name.", "August",
                published).date == D(2013, 8, 15)


def test_a_past_day_just_after_the_date_was_written_in_an_update(nlp):
    # A story dated 11 August and updated for a week: "On August 17, Holder
    # announced" is that August's; "On Dec. 28" in a story of 5 January is the
    # December before.
    assert only(nlp, "On August 17, Holder announced a second autopsy.", "August",
                D(2014, 8, 11)).date == D(2014, 8, 17)
    assert only(nlp, "On Dec. 28, police arrested him.", "Dec", D(2015, 1, 5)).date \
        == D(2014, 12, 28)
    assert only(nlp, "On Dec. 28, police arrested him.", "Dec", D(2014, 8, 11)).date \
        == D(2013, 12, 28)


def test_a_day_ahead_is_no_update(nlp):
    # Dated Friday 28 September 2018: "next Friday, Oct. 5" is ahead, not a day the
    # story was updated on, so "Friday afternoon" after it is the 28th.
    text = ("The probe will be complete next Friday, Oct. 5. Friday afternoon, the "
            "president said he would rely on the panel.")
    times = extract_times(nlp(text), D(2018, 9, 28))
    assert [t.date for t in times] == [D(2018, 10, 5), D(2018, 10, 5), D(2018, 9, 28)]


def test_a_day_naming_a_thing_is_no_update(nlp):
    # Dated Monday 7 October 2013: a deadline named by its day is no day the story
    # was updated on, so "on Monday" after it is the 7th, not the 14th.
    text = "Congress confronted an Oct. 17 deadline. Stocks opened lower on Monday."
    times = extract_times(nlp(text), D(2013, 10, 7))
    assert [t.date for t in times] == [D(2013, 10, 17), D(2013, 10, 7)]


def test_a_weekday_in_apposition_to_a_date_is_that_date(nlp):
    times = extract_times(nlp("On July 1, a Thursday, he noted plans to go out."),
                          D(2018, 9, 28))
    assert [t.text for t in times] == ["July 1"]


def test_weekdays_after_an_update_count_from_it(nlp):
    # A story dated Monday 11 August, updated on the 18th: "Tuesday" after "On
    # August 18" is the 12th (the last Tuesday by then), not the 5th.
    text = ("Brown was shot on Saturday. On August 18, the family held a news "
            "conference. On Tuesday evening, there was a brief standoff.")
    times = extract_times(nlp(text), D(2014, 8, 11))
    assert [t.date for t in times] == [D(2014, 8, 9), D(2014, 8, 18), D(2014, 8, 12)]
