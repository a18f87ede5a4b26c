from fakenews_train.text import model_input


def test_bare_claim_is_unchanged():
    assert model_input("  The economy grew. ") == "  The economy grew. "


def test_title_is_stripped_and_put_before_the_text_with_a_blank_line():
    assert model_input("Body.", title="  Headline ") == "Headline\n\nBody."


def test_blank_title_is_ignored():
    assert model_input("Body.", title="   ") == "Body."


def test_metadata_fields_render_in_fixed_order_and_blank_ones_are_left_out():
    metadata = {"context": " a speech ", "party": "democrat", "speaker": "barack-obama", "state": " ", "job": None}
    assert model_input("The economy grew.", metadata=metadata) == \
        "speaker: barack-obama | party: democrat | context: a speech | claim: The economy grew."


def test_all_blank_metadata_is_the_bare_claim_path():
    assert model_input("Claim.", metadata={"speaker": " ", "party": ""}) == "Claim."


def test_metadata_prefix_wraps_title_and_text():
    assert model_input("Body.", title="T", metadata={"subject": "taxes"}) == "subject: taxes | claim: T\n\nBody."
