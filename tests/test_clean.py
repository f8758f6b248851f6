"""The scraped-text cleaner on noisy articles written for these tests."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from storylens.ingest.clean import clean_text, past_dateline

PORT_STRIKE = """By Lena Marsh and Owen Pike

Dockworkers at the port of Valmora walked off the job on Thursday, halting the
loading of grain ships for the second time this year.

Related Articles

City Council Votes to Rename Central Park

The decision ended a decade of debate over the park's colonial-era name.

Five Recipes for a Rainy Weekend

Chefs share their favourite slow-cooked stews and soups.

The union said the strike would last until the port authority agreed to talks.
By noon the picket line had grown to several hundred workers.

ADVERTISEMENT

Shipping agents said at least nine vessels were waiting off the coast, and that
the delays could cost exporters [millions of dollars](https://example.com/report?id=7)
in penalties.

Share this article
Sign up for our daily newsletter
© 2025 Valmora Evening Post. All rights reserved.
"""


def test_bylines_become_author_and_sentences_starting_with_by_stay():
    cleaned = clean_text(PORT_STRIKE)
    assert cleaned.author == "Lena Marsh and Owen Pike"
    assert not cleaned.text.startswith("By Lena")
    assert "By noon the picket line had grown to several hundred workers." in cleaned.text


def test_related_block_with_two_promos_and_teasers_is_removed():
    text = clean_text(PORT_STRIKE).text
    for debris in ("Related Articles", "Rename Central Park", "colonial-era",
                   "Rainy Weekend", "slow-cooked", "ADVERTISEMENT"):
        assert debris not in text
    assert "The union said the strike would last until the port authority agreed to talks." in text


@pytest.mark.parametrize("raw, kept", [
    # a media placeholder line goes, a sentence about a video stays
    ("Photo\n\nDockworkers walked off the job on Thursday.\n\nVideo\n\n"
     "Video shows the picket line growing by noon.",
     "Dockworkers walked off the job on Thursday.\n\n"
     "Video shows the picket line growing by noon."),
    # a commentator's bio closed by the outlet's disclaimer goes, opinions in prose stay
    ("Ana Vale, editor emeritus of the Harbour Review and member of its board, is the "
     "author of \"Tides of Calder.\" Follow her on Twitter @AnaVale . The views "
     "expressed in this commentary are her own.\n\n"
     "(CNN) The port does not need a new quay.\n\n"
     "The council disagrees, and the opinions expressed at the meeting were loud.",
     "(CNN) The port does not need a new quay.\n\n"
     "The council disagrees, and the opinions expressed at the meeting were loud."),
    # an outlet's disclaimer standing alone at the top of a column goes
    ("The opinions expressed by columnists are their own and do not represent the "
     "views of Harbour Daily.\n\nThe port does not need a new quay. The views "
     "expressed by the council were loud.",
     "The port does not need a new quay. The views expressed by the council were loud."),
])
def test_placeholders_and_disclaimed_bios_are_removed(raw, kept):
    assert clean_text(raw).text == kept


def test_footers_and_link_targets_are_removed():
    text = clean_text(PORT_STRIKE).text
    assert text.endswith("could cost exporters millions of dollars\nin penalties.")
    for debris in ("Share this", "newsletter", "All rights reserved", "https://"):
        assert debris not in text


def test_short_line_before_a_paragraph_is_kept_without_promo_evidence():
    raw = ("The council met on Monday to discuss the budget.\n\nA long night\n\n"
           "Members argued until two in the morning before voting.")
    assert clean_text(raw).text == raw


def test_promo_without_marker_is_found_by_its_repeated_headline():
    raw = ("The mayor opened the new library on Friday, ending two years of work.\n\n"
           "Ten Hikes Within an Hour of the City\n\nTen Hikes Within an Hour of the City\n\n"
           "Trails for every level, from riverside strolls to summit scrambles.\n\n"
           "Readers can borrow books from Monday, the mayor said.")
    text = clean_text(raw).text
    assert "Hikes" not in text and "Trails" not in text
    assert text.endswith("Readers can borrow books from Monday, the mayor said.")


def test_paragraph_broken_mid_sentence_is_rejoined():
    raw = ("Officials said the reservoir, which supplies most of the valley, was at a\n\n"
           "record low for the month of March.\n\n"
           "The drought has lasted since autumn.")
    assert clean_text(raw).text == (
        "Officials said the reservoir, which supplies most of the valley, was at a "
        "record low for the month of March.\n\nThe drought has lasted since autumn.")


def test_complete_paragraphs_are_not_joined():
    raw = "A Quiet Harbour\n\nThe boats stayed in port.\n\nFishermen blamed the wind."
    assert clean_text(raw).text == raw


def test_posted_on_tags_and_category_become_metadata():
    raw = ("Posted on March 3, 2024\n\nCategory: [Local](#)\n\nTags: [Ferries](#), "
           "[Harbour](/tag/harbour)\n\nThe ferry resumed service on Sunday.")
    cleaned = clean_text(raw)
    assert cleaned.text == "The ferry resumed service on Sunday."
    assert cleaned.published == dt.date(2024, 3, 3)
    assert cleaned.extras == {"category": "Local", "tags": ["Ferries", "Harbour"]}


def test_a_date_without_a_day_is_not_a_publication_date():
    cleaned = clean_text("Posted on March 2024\n\nThe ferry resumed service.")
    assert cleaned.published is None


def test_dateline_gives_agency_and_a_date_only_when_the_year_is_stated():
    with_year = clean_text("LISBON, March 4, 2025 (Atlas News) — Trams stopped running.")
    assert with_year.published == dt.date(2025, 3, 4)
    assert with_year.extras["dateline_agency"] == "Atlas News"
    without_year = clean_text("LISBON, March 4 (Atlas News) — Trams stopped running.")
    assert without_year.published is None
    assert without_year.extras["dateline_agency"] == "Atlas News"  # Reuters' style
    two_places = "LISBON/PORTO, Portugal (Atlas News) - Trams stopped running."
    assert clean_text(two_places).extras["dateline_agency"] == "Atlas News"
    assert two_places[past_dateline(two_places, 0):] == "Trams stopped running."
    subhead = clean_text("HE WAS CALLED OUT BY HIS OWN PARTY (TWICE) — The vote failed.")
    assert "dateline_agency" not in subhead.extras  # capitals, not a place


@pytest.mark.parametrize("text, rest", [
    ("(CNN) Protesters cheered on Wednesday.", "Protesters cheered on Wednesday."),
    ("Washington (CNN)President Lee signed the bill.", "President Lee signed the bill."),
    ("New York (CNN Business) Stocks fell.", "Stocks fell."),
    ("Deerfield Beach, Fla. (CNN) The president visited.", "The president visited."),
    ("Paris, France (CNN) Police raided a flat.", "Police raided a flat."),
    # prose opening with a name and a bracket is no dateline
    ("Rep. Ann Ruiz (D-Ohio) Tuesday called for a vote.", None),
    ("Acme (ACM) Chief Executive Dan Roe resigned.", None),
])
def test_cnns_dateline_is_read_as_one(text, rest):
    start = past_dateline(text, 0)
    assert text[start:] == (rest or text)
    assert (clean_text(text).extras.get("dateline_agency") is not None) == (rest is not None)


def test_author_bio_with_handle_is_dropped_only_at_the_end():
    raw = ("The minister resigned on Tuesday.\n\nShe wrote on X: @finance_ministry "
           "will publish the report.\n\nThe report is due in May.\n\n"
           "Author: Priya Nair\n\nPriya Nair is a political reporter. Follow her on X "
           "@priyanair.")
    cleaned = clean_text(raw)
    assert cleaned.author == "Priya Nair"
    assert "@finance_ministry" in cleaned.text  # in the body, it stays
    assert cleaned.text.endswith("The report is due in May.")


def test_editorial_brackets_and_unbalanced_marks_survive():
    raw = "“[T]he plan [is] sound,” she said. An open [bracket and a ( paren stay."
    assert clean_text(raw).text == raw


def test_whitespace_and_invisible_characters_are_normalised():
    raw = "\r\n\r\n  The\u00a0vote\t\twas close.\u200b  \r\n\r\n\r\n\r\nTurnout was low. \n\n"
    assert clean_text(raw).text == "The vote was close.\n\nTurnout was low."


def test_sentences_run_together_are_spaced_apart_but_addresses_are_not():
    raw = ('The mayor resigned on Friday evening.Rivera, her deputy, takes over. '
           '"We will rebuild," she said."The port reopens Monday." '
           '“Ships wait,” he said.“Not for long.” Ships wait.”Next, the docks. '
           'Write to ana.Lopez@ledger.example or see www.Ledger.example for more. '
           'The U.S.Army base stays.')
    assert clean_text(raw).text == (
        'The mayor resigned on Friday evening. Rivera, her deputy, takes over. '
        '"We will rebuild," she said. "The port reopens Monday." '
        '“Ships wait,” he said. “Not for long.” Ships wait.” Next, the docks. '
        'Write to ana.Lopez@ledger.example or see www.Ledger.example for more. '
        'The U.S.Army base stays.')


def test_photo_captions_and_image_widgets_are_removed():
    raw = ("The council voted to close the harbour on Monday.\n\n"
           "Enlarge this image toggle caption Ana Ruiz/AP Ana Ruiz/AP\n\n"
           "Mayor Tom Berg speaks in Calder, March 3, 2025. REUTERS/Ana Ruiz\n\n"
           "FILE PHOTO: Berg speaks in Calder, May 3, 2024. REUTERS/ Ana Ruiz/File Photo\n\n"
           "Berg waves in Calder, U.S., May 3, 2024. REUTERS/Ana Ruiz – RC19CEF89570\n\n"
           "FILE PHOTO: The quay in Calder, May 2, 2024. REUTERS/Ana Ruiz/File Photo "
           "Lund took office in June.\n\n"
           "Workers leave the harbour on Sunday. (AP Photo/Ana Ruiz)\n\n"
           "Reps. Ana Lund, D-Calder, left, and Per Holm make their way to votes on "
           "March 2, 2025. (Ana Ruiz/Calder Tribune file photo)\n\n"
           "A ferry at the quay. (Ana Ruiz / AP Photo)\n\n"
           "Fishing boats in the port. (Photo: Ana Ruiz, AFP/Getty Images)\n\n"
           "Ana Ruiz/AP A crane lifts a boat out of the water in Calder, March 2.\n\n"
           "The closure follows a Reuters/Ipsos poll.\n\n"
           "Berg and Lund speak with reporters at the quay in Calder, June 30, 2024.\n\n"
           "Berg at the quay, July 1, 2024. (Ana Ruiz/Calder Council)\n\n"
           "This combination of photos provided by the Calder Police Department on "
           "Tuesday, March 4, 2025, shows Ana Lund, from left, Per Holm, Eva Dahl and Jon "
           "Berg. Lund is charged with arson at the harbour warehouse, which burned on "
           "March 1 and where two guards were hurt. Holm, Dahl and Berg have been charged "
           "with aiding and abetting Lund, and all four were held on bail of up to a "
           "million euros on Wednesday. (Calder Police Department via AP)\n\n"
           "Berg said the port would reopen in May.")
    assert clean_text(raw).text == ("The council voted to close the harbour on Monday.\n\n"
                                    "Lund took office in June.\n\n"
                                    "The closure follows a Reuters/Ipsos poll.\n\n"
                                    "Berg said the port would reopen in May.")


def test_video_players_photo_galleries_summary_and_explainer_boxes_are_removed():
    # A gallery's captions are about other days and other people: "The Republican
    # leader … say they will vote against" is no statement of this article.
    raw = ("Story highlights Senate votes on the bill Leader says the House follows\n\n"
           "Moss praises the members who crossed the aisle\n\n"
           "\"The count is still open,\" an aide says\n\n"
           "The Senate voted on Tuesday. JUST WATCHED Senate votes Replay More Videos ... "
           "MUST WATCH Senate votes 01:55 The House follows on Wednesday.\n\n"
           "JUST WATCHED Leader defends the bill Replay More Videos ... MUST WATCH\n\n"
           "Photos: Key players Key players – Sen. Ada Moss. The Republican leader and "
           "several of his members say they will vote against the bill. Hide Caption 7 of 18"
           "\n\nThe bill now goes to the president.\n\n"
           "Quick guide How many bills pass each year? Show Hide In most years the Senate "
           "passes fewer than a hundred bills.")
    assert clean_text(raw).text == ("The Senate voted on Tuesday. The House follows on "
                                    "Wednesday.\n\nThe bill now goes to the president.")


def test_a_video_embeds_title_is_removed():
    # the title of another piece, quoting someone: no statement of this article
    raw = ("The senators met on Tuesday.\n\nPlay Video 1:11 'These ports are not for "
           "sale': harbour board decries the plan – video\n\nFacebook Twitter Pinterest "
           "‘Keep the quay’: dockers interrupt the vote – video\n\nThe vote is on "
           "Friday.")
    assert clean_text(raw).text == "The senators met on Tuesday.\n\nThe vote is on Friday."


def test_a_video_caption_box_is_removed_but_a_shouted_headline_is_not():
    raw = ("CLOSE The governor signed the budget after a week of talks. (May 10) AP\n\n"
           "CLOSE\n\nCLOSE CALL FOR THE BUDGET\n\nThe governor signed the budget on "
           "Friday.\n\nCLOSE AR-15-style rifles were banned from 1994 to 2004. See why. "
           "HARBOUR DAILY")
    assert clean_text(raw).text == ("CLOSE CALL FOR THE BUDGET\n\nThe governor signed the "
                                    "budget on Friday.")


@pytest.mark.parametrize("author", ["Priya Nair", "Tom Ode, Priya Nair",
                                    "Tom Ode and Priya Nair"])
def test_the_authors_bio_is_removed_at_either_end(author):
    raw = ("Priya Nair is a senior staff writer for the Gazette.\n\n"
           "The minister resigned on Tuesday.\n\nThe report is due in May.\n\n"
           "Priya Nair, a political reporter, covers the ministry.\n\n"
           "Priya Nair has covered Congress since 2015.")
    assert clean_text(raw, author=author).text == (
        "The minister resigned on Tuesday.\n\nThe report is due in May.\n\n"
        "Priya Nair, a political reporter, covers the ministry.")


def test_a_lead_about_someone_who_is_not_the_author_stays():
    raw = "Maria Ressa is a journalist who has fought for press freedom.\n\nShe won."
    assert clean_text(raw, author="Priya Nair").text == raw
    assert clean_text(raw).text == raw


def test_newsletter_sign_up_boxes_are_removed_but_prose_about_signing_up_is_not():
    countries = " ".join(["Albania Algeria Andorra Angola"] * 30)
    raw = ("The exchanges open on Tuesday, and officials hope young people sign up for "
           "coverage in the first week.\n\n"
           "Get the Harbour Briefing delivered to your inbox. Sign up here.\n\n"
           f"Get The Brief. Sign up to receive the top stories. Choose your country {countries}"
           " Please enter a valid email address. You may unsubscribe at any time.\n\n"
           "Sign up for Daily Newsletters Manage Newsletters\n\n"
           "Officials said 40,000 people signed up for email alerts about the exchanges.")
    assert clean_text(raw).text == (
        "The exchanges open on Tuesday, and officials hope young people sign up for "
        "coverage in the first week.\n\n"
        "Officials said 40,000 people signed up for email alerts about the exchanges.")


def test_captions_scraped_twice_and_their_gallery_are_removed():
    # A picture's alt text and caption, one after the other: the caption twice. A run
    # of them is a gallery of other days, with captions scraped once in between.
    gallery = []
    for year in range(2001, 2006):
        caption = f"Berg speaks at a rally in Calder in June {year}. He won the vote that year."
        gallery += [caption, caption] if year != 2003 else [caption]
    photo = "In this handout photo, rescuers search the harbour at Calder on Sunday, May 4."
    prose = [f"Councillor {name} said the closure would cost the town {n} jobs this year."
             for name, n in [("Lund", 40), ("Moss", 55), ("Ruiz", 60), ("Dahl", 70)]]
    raw = "\n\n".join(["The council voted to close the harbour on Monday.", photo, photo,
                        "Berg said the port would reopen in May.", *prose, *gallery,
                        "The vote was 7 to 2."])
    assert clean_text(raw).text == "\n\n".join([
        "The council voted to close the harbour on Monday.",
        "Berg said the port would reopen in May.", *prose, "The vote was 7 to 2."])


def test_empty_and_degenerate_inputs_do_not_crash():
    assert clean_text("").text == ""
    assert clean_text("\n\n\n").text == ""
    assert clean_text("[](#)").text == ""
    assert clean_text("]]]((([[[").text == "]]]((([[["


def test_large_single_line_is_cleaned_without_blowup():
    """A 2 MB line with no paragraph break: a pattern that backtracks over the whole
    line would take minutes (quadratic); linear cleaning takes about a second. The
    bound guards against that blowup, with room for a busy machine: it measures no
    speed (bench/ does)."""
    raw = "The committee met again and again without a decision, " * 40_000  # ~2 MB
    started = time.perf_counter()
    cleaned = clean_text(raw)
    assert time.perf_counter() - started < 30.0
    assert len(cleaned.text) > 1_900_000


def test_a_wire_storys_tail_is_removed_up_to_its_credit_line():
    story = ("HARBOUR CITY (Herald) — The ferry service resumed on Monday after a "
             "two-week strike, the operator said.\n\n"
             "“We are glad to have the boats back,” said commuter Ana Ruiz.\n\n"
             "Herald writer Ola Berg in Northport contributed to this report.")
    raw = (story + "\n\n___\n\n"
           "The Herald's transport desk receives support from the Lindqvist "
           "Foundation. The Herald is solely responsible for all content.\n\n___\n\n"
           "Follow the Herald's coverage of the strike at https://herald.example/strike"
           "\n\nThis story has been corrected to show the strike lasted two weeks.")
    # the credit line stays (the brief leaves it out of the facts), the rest goes
    assert clean_text(raw).text == story
    # the same lines inside the article are not a tail
    inside = story.replace("\n\nHerald writer", "\n\n___\n\nHerald writer")
    assert "___" in clean_text(inside).text


def test_a_post_quoted_last_is_kept_a_sign_up_box_is_not():
    post = ("The ferries are back, and so are the queues. — Ana Ruiz (@anaruiz_hc) "
            "March 3, 2025")
    story = ("The ferry service resumed on Monday after a two-week strike, the "
             "operator said.\n\nCommuters greeted the first boat with cheers.\n\n" + post)
    raw = (story + "\n\nGood journalism takes time. Sign up to get our best harbour "
           "stories every week. Submit\n\nEditor's note: This story was updated to "
           "correct the length of the strike.")
    assert clean_text(raw).text == story


@pytest.mark.parametrize("furniture", [
    # a caption saying what the picture shows
    "This combination of photos provided by the county sheriff's office on Wednesday "
    "shows the four former officers, from left.",
    "In this file photo taken on March 9, the mayor leaves the harbour office.",
    "This undated image released by the port authority shows the new cranes.",
    # a caption, its credit after a bar, then the page's headline and dek run on
    "Vale served as harbour master from 2003 to 2005. | AP Photo Port names Ida Vale "
    "to head the docks Vale ran the harbour for two years.",
    "Dockers at the gate on Monday. Ana Ruiz | AFP | Getty Images",
    # a link to another of the outlet's stories
    "Who is Ida Vale, the port's pick to run the docks? Read more",
    "SEE ALSO: Ferry fares to rise in spring, operator says",
    "Related: Harbour stocks mixed in early trading",
    "See also: Why ferry fares rise every spring",
    "More:Ferry updates: island to close its pier, cancel trips",
    "Full Coverage: Harbour strike",
    "SLIDESHOW: Dockers march on the harbour >>>",
    "LISTEN:",
    # the New York Post's: the linked headline and the start of its story
    "see also Port panel says it will vote Friday on the new cranes The harbour board "
    "said Thursday night that it plans...",
])
def test_captions_credits_and_links_between_paragraphs_are_removed(furniture):
    story = "The port reopened on Monday.\n\nDockers returned to work at dawn."
    raw = story.replace("\n\n", f"\n\n{furniture}\n\n")
    assert clean_text(raw).text == story


def test_prose_about_a_picture_is_kept():
    raw = ("The port reopened on Monday.\n\nThis photo is going around: it is not the "
           "mayor at the harbour, a spokesman said.")
    assert clean_text(raw).text == raw


def test_a_list_number_run_into_its_item_is_removed():
    raw = ("1Majorities of harbour workers say the port is safe.\n\n"
           "10An overwhelming majority of pilots (86%) said so in 2016.\n\n"
           "3M shares rose, and 3D printers sold out.")
    assert clean_text(raw).text == (
        "Majorities of harbour workers say the port is safe.\n\n"
        "An overwhelming majority of pilots (86%) said so in 2016.\n\n"
        "3M shares rose, and 3D printers sold out.")


def test_a_bar_or_read_more_in_prose_is_kept():
    raw = ("The port reopened on Monday, and the union | the operator's old foe | "
           "said nothing.\n\nThe mayor told reporters to read more about the plan online. "
           "Few did, and fewer still said they would read more")
    assert clean_text(raw).text == raw


def test_a_names_hover_card_run_into_the_prose_is_removed():
    raw = ("President Halvorsen Ida Maria HalvorsenPort strike ends after two weeks Mayor "
           "backs new ferry plan Council votes on harbour budget MORE on Friday signed the "
           "bill, and Sen. Dan McVoss Daniel (Dan) McVossHarbour funds stall MORE (R-Ore.) "
           "backed it.\n\nHalvorsen Ida Maria HalvorsenPort strike ends MORE’s aides agreed. "
           "Mayor Ana de Souza Ana de SouzaThe Harbour Report: ferries resume MORE (D) did "
           "not. Speaker Ida Halvorsen Ida Maria Halvorsen Ferry fares to rise Port strike "
           "ends MORE (D) abstained, as did Sen. Dan McVoss Daniel (Dan) McVossHarbour funds "
           "stall MORE (R-Ore.).")
    assert clean_text(raw).text == (
        "President Halvorsen on Friday signed the bill, and Sen. Dan McVoss (R-Ore.) "
        "backed it.\n\nHalvorsen’s aides agreed. Mayor Ana de Souza (D) did not. Speaker "
        "Ida Halvorsen (D) abstained, as did Sen. Dan McVoss (R-Ore.).")


def test_a_repeated_name_in_prose_is_kept():
    raw = ("Cole Ann Cole said MORE money was needed, and Ida Vale, Vale Port's owner, "
           "said MORE ships would come.")
    assert clean_text(raw).text == raw


def test_a_bracketed_link_to_another_story_is_removed_from_its_paragraph():
    raw = ("The court fined the clerk for using a state car. (RELATED: Harbour Court "
           "Shattered By Corruption Indictment)\n\nThe governor will appoint a successor.")
    assert clean_text(raw).text == ("The court fined the clerk for using a state car.\n\n"
                                    "The governor will appoint a successor.")


def test_bare_two_line_byline_at_the_head_becomes_the_author():
    raw = ("Mara Quint and Teodor Vass\n\nRiverside Daily Network\n\n"
           "HARBOURTON — Ferry crews walked off the job on Monday over unpaid overtime.\n\n"
           "The ferry company said talks would resume on Wednesday.")
    cleaned = clean_text(raw)
    assert cleaned.author == "Mara Quint and Teodor Vass"
    assert cleaned.text.startswith("HARBOURTON — Ferry crews")
    assert "Network" not in cleaned.text
    # a name and a line in capitals that is not what the name writes for stay
    raw = ("Hopes Rise In Harbourton\n\nLIVE\n\nFerry crews walked off the job on Monday.\n\n"
           "Talks resume on Wednesday.")
    assert clean_text(raw).text == raw


def test_notices_editors_notes_and_transcript_disclaimers_are_removed_wherever_they_stand():
    raw = ("Editor's note: The following column first appeared in the Harbour Review.\n\n"
           "Corrections & Clarifications: An earlier version of this story misstated the "
           "ferry company's name.\n\n"
           "This is a rush transcript. Copy may not be in its final form.\n\n"
           "Harbour Radio transcripts are created on a rush deadline by a contractor. "
           "This text may not be in its final form.\n\n"
           "Ferry crews walked off the job on Monday over unpaid overtime.\n\n"
           "Correction 11/19: A previous version of this piece gave the wrong day.\n\n"
           "EDITOR’S NOTE — As a public service, our strike coverage is free.\n\n"
           "Corrections officers at the harbour jail joined the strike on Tuesday.\n\n"
           "The ferry company said talks would resume on Wednesday.")
    text = clean_text(raw).text
    assert text == ("Ferry crews walked off the job on Monday over unpaid overtime.\n\n"
                    "Corrections officers at the harbour jail joined the strike on Tuesday.\n\n"
                    "The ferry company said talks would resume on Wednesday.")


def test_a_live_blog_entrys_credit_line_is_removed_and_a_quotes_signature_kept():
    raw = ("The debate drew boos from the chamber.\n\n– Nina Wu\n\nA former Republican "
           "speaks\n\n“It is lame,” King said of it.\n\n-Nina Wu, Carl Hayes\n\n"
           "“We will win.”\n\n— Ana Torres\n\nMalls open today:\n\n- Waterside Shops\n\n"
           "- Coconut Point")
    assert clean_text(raw).text == (
        "The debate drew boos from the chamber.\n\nA former Republican speaks\n\n"
        "“It is lame,” King said of it.\n\n“We will win.”\n\n— Ana Torres\n\n"
        "Malls open today:\n\n- Waterside Shops\n\n- Coconut Point")
