"""The pulse page in a real browser (issue 16): Debian's headless Chromium, driven by Selenium,
answers the form by keyboard alone; then the used, wrong and expired addresses are refused.

The statuses and headers come from Chromium's performance log (DevTools network events), which
also lists every request the page made: all of them go to the form's own address.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from focusmate.core.pulse import Concern, PulseVia, RepPulse
from focusmate.desktop.pulse_html import english_page_text
from focusmate.desktop.pulse_page import CONTENT_SECURITY_POLICY
from tests.desktop.browser import (
    answer_by_keyboard,
    chromium,
    document_response,
    load,
    network_events,
    requested,
    served_form,
)
from tests.fakes import FakeClock

TEXT = english_page_text()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    """One headless Chromium for the module (it takes a second or two to start)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_MANAGER_PATH", "/bin/false")
        with chromium(tmp_path_factory.mktemp("chromium")) as driver:
            yield driver


def test_a_phone_answers_by_keyboard_and_the_address_is_then_refused(
    browser: webdriver.Chrome, clock: FakeClock
) -> None:
    with served_form(clock) as form:
        loading = load(browser, form.offer.url)
        assert requested(loading) == [form.offer.url]  # nothing else: no style, font, icon
        status, headers = document_response(loading)
        assert status == 200
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        for field in browser.find_elements(By.CSS_SELECTOR, "input, textarea"):
            assert field.accessible_name, field.get_attribute("id")
        answer_by_keyboard(browser, ("Felt heard.", "More time next week "))
        WebDriverWait(browser, 30).until(lambda d: TEXT.thanks in d.page_source)

        comment = "Felt heard.\nMore time next week"
        assert form.answers == [RepPulse(4, Concern.PARTLY, 5, comment, PulseVia.PAGE, clock.now())]
        assert requested(network_events(browser)) == [form.offer.url]  # the post, nothing else
        assert browser.execute_script("return performance.getEntriesByType('resource')") == []

        assert document_response(load(browser, form.offer.url))[0] == 410
        assert TEXT.closed in browser.find_element(By.TAG_NAME, "body").text
        token = form.path.removeprefix("/p/")
        wrong = form.offer.url.replace(token, token[::-1])
        assert document_response(load(browser, wrong))[0] == 404
        assert len(form.answers) == 1


def test_an_expired_form_is_refused_in_the_browser(
    browser: webdriver.Chrome, clock: FakeClock
) -> None:
    with served_form(clock) as form:
        assert document_response(load(browser, form.offer.url))[0] == 200
        clock.advance(seconds=600)
        answer_by_keyboard(browser, ("Too late", "for this one"))
        WebDriverWait(browser, 30).until(lambda d: TEXT.closed in d.page_source)
        assert document_response(network_events(browser))[0] == 410
        assert urlsplit(browser.current_url).path == form.path
        assert form.answers == []
