"""Every public helper refuses a bad argument with a ValueError that names the valid values, never an empty frame."""

import pandas as pd
import pytest

import wcit_data

BAD_CALLS = [
    # (function name, args, kwargs, pattern the message must contain)
    ("load", ("vots",), {}, r"Did you mean 'votes'\?.*Valid tables: sources, votes"),
    ("describe", ("signature",), {}, r"Did you mean 'signatures'\?"),
    ("coverage", ("vots",), {}, r"Did you mean 'votes'\?"),
    ("cite", ("no-such-source",), {}, r"no-such-source"),
    ("lookup_state", ("Atlantis",), {}, r"No ITU Member State matches 'Atlantis'"),
    ("signing_by_group", ("itu_regio",), {}, r"Unknown variable 'itu_regio'.*Valid values: present_wcit12"),
    ("signing_by_group", ("fh_stat",), {}, r"Did you mean 'fh_status'\?"),
    ("mentions", ("Internet",), {"instrument": "ITR2012"}, r"Did you mean 'ITR 2012'\?.*Valid values: ITR 2012, ITR 1988"),
    ("mentions", ("Internet",), {"part": "Artcle"}, r"Did you mean 'Article'\?.*Valid values: .*Preamble"),
    ("mentions", ("",), {}, r"term must be a non-empty string.*internet"),
    ("compare_articles", (), {"lang_order": ("en", "de")}, r"Unknown language 'de'.*Valid values: en, fr, es, ru"),
    ("margin_gaps", ("ITR 2013",), {}, r"Did you mean 'ITR 2012'\?"),
    ("prevailing_language", (), {"provisions": pd.DataFrame({"text": []})}, r"provisions lacks column"),
    ("resolve_vote_id", ("preamble-2012-12-31",), {}, r"Did you mean 'preamble-2012-12-13'\?.*Valid ids"),
    ("export", ("/tmp/never-written", "dta"), {}, r"Unknown format 'dta'.*Valid values: csv, stata, parquet"),
    ("source_text", ("igp-2012-12-what-realy-happened-in-dubai",), {},
     r"Did you mean 'igp-2012-12-what-really-happened-in-dubai'\?.*Valid ids"),
]


@pytest.mark.parametrize("name,args,kwargs,pattern", BAD_CALLS, ids=[f"{c[0]}-{i}" for i, c in enumerate(BAD_CALLS)])
def test_bad_argument_raises_with_valid_values(name, args, kwargs, pattern):
    with pytest.raises(ValueError, match=pattern):
        getattr(wcit_data, name)(*args, **kwargs)


# Public functions with parameters that take no name of a table, column, group, instrument, language or state.
NOT_NAME_TAKING = {"parse_transcript": "takes transcript text"}


def test_every_public_function_with_parameters_is_called_with_a_bad_one():
    import inspect

    with_params = set()
    for name in wcit_data.__all__:
        obj = getattr(wcit_data, name)
        if inspect.isfunction(obj) and inspect.signature(obj).parameters:
            with_params.add(name)
    assert with_params - set(NOT_NAME_TAKING) <= {c[0] for c in BAD_CALLS}, \
        sorted(with_params - set(NOT_NAME_TAKING) - {c[0] for c in BAD_CALLS})


def test_valid_arguments_still_give_rows():
    # the checks must not reject what is valid: case-insensitive part names keep working
    assert len(wcit_data.mentions("Internet", instrument="ITR 2012", part="preamble")) > 0
    sanctions = wcit_data.signing_by_group("us_sanctions_2012").set_index("group")["states"]
    assert sanctions.to_dict() == {"comprehensive": 5, "not_listed": 177, "targeted": 11}
    assert (wcit_data.margin_gaps("ITR 2012")["instrument"] == "ITR 2012").all()
