"""The pages readers meet, in headless Chromium at a desktop and a phone size:
no console errors, no sideways scrolling, comparisons laid out for the width,
margin notes that work from the keyboard and without JavaScript, and no serious
or critical accessibility violations (axe-core) in the light or the dark theme."""
import os

import pytest
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains

from conftest import COUNTS, SCREENSHOTS

SIZES = {"desktop": (1280, 900), "phone": (375, 812)}
PAGES = {
    "home": "",
    "claim": "claims/fraudulent-accounts/",
    "source": "articles/003_9980aa1c859c75b5/",
    "coverage": "coverage/",
    "compare": "compare/000_5999f76328f70683/001_96e0cee32f80b94d/",
    "explainer": "the-numbers/",
}


def chrome(javascript=True):
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else None
    return webdriver.Chrome(options=options, service=service)


@pytest.fixture(scope="module")
def browser():
    driver = chrome()
    yield driver
    driver.quit()


def open_page(driver, url, size):
    width, height = SIZES[size]
    driver.set_window_size(width, height)
    # The viewport, not the window, must have the tested width: correct for the browser's frame.
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    driver.set_window_size(width + (width - inner[0]), height + (height - inner[1]))
    driver.get(url)
    driver.get_log("browser")  # drop anything logged before this page
    driver.refresh()


def dark(driver, on):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark" if on else "light"}]})


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", PAGES)
def test_page_in_the_browser(browser, server, name, size):
    open_page(browser, server + PAGES[name], size)
    errors = [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
    width = browser.execute_script("return window.innerWidth")
    assert width == SIZES[size][0]
    scroll = browser.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= width, f"{name} scrolls sideways at {size}: {scroll} > {width}"
    os.makedirs(SCREENSHOTS, exist_ok=True)
    browser.save_screenshot(os.path.join(SCREENSHOTS, f"{name}-{size}.png"))
    COUNTS["pages × sizes tested in Chromium"] = COUNTS.get("pages × sizes tested in Chromium", 0) + 1

    counts = {}
    for theme in ("light", "dark"):
        dark(browser, theme == "dark")
        axe = Axe(browser)
        axe.inject()
        result = axe.run()
        serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
        for violation in result["violations"]:
            counts[violation["impact"]] = counts.get(violation["impact"], 0) + len(violation["nodes"])
        assert serious == [], f"{name} at {size}, {theme}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in serious)
    dark(browser, False)
    totals = COUNTS.setdefault("axe violations by impact (all pages, sizes, themes)", {"critical": 0, "serious": 0, "moderate": 0, "minor": 0})
    for impact, count in counts.items():
        totals[impact] = totals.get(impact, 0) + count


def column_boxes(driver):
    return driver.execute_script("""
        return [...document.querySelectorAll('.comparison > .wording')].map(e => {
            const r = e.getBoundingClientRect(); return [r.left, r.top, r.width];
        });""")


def test_claim_columns_stand_side_by_side_on_a_desktop_and_stack_on_a_phone(browser, server):
    open_page(browser, server + PAGES["claim"], "desktop")
    boxes = column_boxes(browser)
    assert len(boxes) >= 4
    assert boxes[0][1] == boxes[1][1] and boxes[1][0] > boxes[0][0], "the first two columns share a row"
    open_page(browser, server + PAGES["claim"], "phone")
    boxes = column_boxes(browser)
    assert all(later[1] > earlier[1] for earlier, later in zip(boxes, boxes[1:])), "one column under another"
    assert all(width >= 300 for _, _, width in boxes), "each column keeps a readable width"


def test_margin_notes_open_and_close_from_the_keyboard(browser, server):
    open_page(browser, server + PAGES["explainer"], "phone")
    note = browser.find_element(By.CSS_SELECTOR, ".margin-note")
    assert not note.is_displayed()
    toggle = browser.find_element(By.CSS_SELECTOR, ".note-toggle")
    browser.execute_script("arguments[0].focus()", toggle)
    ActionChains(browser).send_keys(Keys.SPACE).perform()
    assert note.is_displayed()
    ActionChains(browser).send_keys(Keys.SPACE).perform()
    assert not note.is_displayed()
    # On a desktop the notes sit in the margin, always shown.
    open_page(browser, server + PAGES["explainer"], "desktop")
    assert browser.find_element(By.CSS_SELECTOR, ".margin-note").is_displayed()


def test_the_site_works_without_javascript(server):
    driver = chrome(javascript=False)
    try:
        assert driver.execute_script is not None
        open_page(driver, server + PAGES["explainer"], "phone")
        note = driver.find_element(By.CSS_SELECTOR, ".margin-note")
        driver.find_element(By.CSS_SELECTOR, ".note-number").click()
        assert note.is_displayed(), "a note opens with a tap, no script needed"
        open_page(driver, server + PAGES["claim"], "desktop")
        assert len(driver.find_elements(By.CSS_SELECTOR, ".comparison > .wording")) >= 4
        assert "approximately" in driver.find_element(By.CSS_SELECTOR, ".reference blockquote").text
    finally:
        driver.quit()


def test_differences_are_never_shown_by_colour_alone(browser, server):
    open_page(browser, server + PAGES["claim"], "desktop")
    marks = browser.execute_script("""
        return [...document.querySelectorAll('.comparison ins, .comparison del')].map(e => [e.tagName,
            getComputedStyle(e).textDecorationLine, e.querySelector('.visually-hidden')?.textContent || '']);""")
    assert marks, "the claim page marks its differences"
    for tag, decoration, label in marks:
        assert ("underline" if tag == "INS" else "line-through") in decoration
        assert label.startswith("[added" if tag == "INS" else "[removed")
    # The comparison as a picture, for the README (docs/claim-comparison.png is a copy of one run's).
    os.makedirs(SCREENSHOTS, exist_ok=True)
    section = browser.find_element(By.CSS_SELECTOR, ".comparison")
    bottom = browser.execute_script("const r = arguments[0].getBoundingClientRect(); return r.bottom + window.scrollY", section)
    browser.set_window_size(1280, int(bottom) + 200)  # tall enough for the whole comparison in one picture
    section.screenshot(os.path.join(SCREENSHOTS, "claim-comparison.png"))
