"""The one interval merge: both ends are days worked, touching periods join, overlaps count once."""

from datetime import date

import pytest

from models.periods import covered_days, covered_years

JAN_1, JAN_31, FEB_1, FEB_29, DEC_31 = (
    date(2020, 1, 1),
    date(2020, 1, 31),
    date(2020, 2, 1),
    date(2020, 2, 29),
    date(2020, 12, 31),
)


@pytest.mark.parametrize(
    ("periods", "days"),
    [
        ([], 0),
        ([(JAN_1, JAN_1)], 1),  # one day: the end day counts
        ([(JAN_1, JAN_31)], 31),  # a month, first to last day
        ([(JAN_1, DEC_31)], 366),  # a (leap) year, not one day short
        ([(JAN_1, JAN_31), (FEB_1, FEB_29)], 60),  # touching months: 31 + 29
        ([(FEB_1, FEB_29), (JAN_1, JAN_31)], 60),  # in any order
        ([(JAN_1, FEB_29), (FEB_1, FEB_29)], 60),  # a role inside another counts once
        ([(JAN_1, JAN_31), (JAN_31, FEB_29)], 60),  # sharing a day counts it once
        ([(JAN_1, JAN_31), (date(2020, 3, 1), date(2020, 3, 31))], 62),  # a gap stays a gap
        ([(JAN_31, JAN_1)], 0),  # ends before it starts: nothing
    ],
)
def test_covered_days(periods, days):
    assert covered_days(periods) == days


def test_a_calendar_year_is_a_year():
    assert round(covered_years([(date(2019, 1, 1), date(2019, 12, 31))]), 2) == 1.0
    assert round(covered_years([(date(2016, 1, 1), date(2019, 12, 31))]), 2) == 4.0


def test_relevant_years_count_a_role_only_up_to_the_resume_date():
    from types import SimpleNamespace

    from models.features import relevant_years_of

    teacher = SimpleNamespace(
        title="Teacher", start=date(2010, 1, 1), end=date(2019, 12, 31), kind="full_time"
    )
    engineer = SimpleNamespace(
        title="Machine Learning Engineer", start=date(2020, 1, 1), end=date(2027, 12, 31), kind="full_time"
    )
    # Written at the end of 2021: the engineer's contract runs on, but two of its years have passed.
    assert relevant_years_of([teacher, engineer], 12.0, date(2021, 12, 31)) == 2.0
