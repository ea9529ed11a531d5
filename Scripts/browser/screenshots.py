"""Drives headless Chromium through Zhiku's web page, as a user would, and saves screenshots.

Usage: python3 screenshots.py BASE_URL OUT_DIR
Types a query in simplified characters into the search box, checks that traditional text is found
and marked, then opens a speaker page and a topic page from the results. Exits non-zero, saying
what went wrong, if any step does not show what it should.
"""
import os
import shutil
import sys
from pathlib import Path

# Selenium would otherwise look for a browser and send statistics over the internet.
os.environ["SE_AVOID_STATS"] = "true"

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import Select, WebDriverWait

base, out = sys.argv[1], Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
options = webdriver.ChromeOptions()
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1100", "--lang=zh-TW"]:
    options.add_argument(argument)
options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
browser = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"))
wait = WebDriverWait(browser, 15)


def shot(name):
    path = out / f"{name}.png"
    browser.save_screenshot(str(path))
    print(f"screenshots: {path}")


def fail(message):
    print(f"screenshots: FAILED: {message}", file=sys.stderr)
    shot("failure")
    browser.quit()
    sys.exit(1)


try:
    browser.get(base + "/")
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "#main h1")))
    box = browser.find_element(By.ID, "q")
    box.send_keys("摩尔定律")  # simplified; the sample panels are written in traditional characters
    box.send_keys(Keys.RETURN)
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, ".hit mark")))
    marks = [mark.text for mark in browser.find_elements(By.CSS_SELECTOR, ".hit mark")]
    if "摩爾定律" not in marks:
        fail(f"no traditional 摩爾定律 among the marked hits: {marks}")
    print(f"screenshots: search 摩尔定律 marked {len(marks)} hits, traditional among them: {sorted(set(marks))}")
    shot("1-search-results")

    # Narrow the same search to the turns that mention a topic, by its Taiwan name.
    # The unfiltered hits stay on the page until the filtered answer replaces them: wait for that.
    unfiltered = browser.find_element(By.CSS_SELECTOR, ".hit")
    Select(browser.find_element(By.ID, "topic")).select_by_value("芯片")
    wait.until(ready.url_contains("topic="))
    wait.until(ready.staleness_of(unfiltered))
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, ".hit mark")))
    narrowed = len(browser.find_elements(By.CSS_SELECTOR, ".hit"))
    if narrowed == 0 or narrowed >= len(marks):
        fail(f"the topic filter left {narrowed} of the hits")
    print(f"screenshots: with the topic 芯片, {narrowed} hits remain")
    shot("1b-search-topic-filter")

    speaker = browser.find_element(By.CSS_SELECTOR, ".hit .meta a[href^='#/speaker/']")
    speaker_name = speaker.text
    speaker.click()
    wait.until(ready.text_to_be_present_in_element((By.CSS_SELECTOR, "#main"), "主張"))
    if browser.find_element(By.CSS_SELECTOR, "#main h1").text == "":
        fail("the speaker page has no name")
    print(f"screenshots: speaker page of {speaker_name}")
    shot("2-speaker")

    browser.get(base + "/#/topic/" + "晶片")  # the regional form of the lexicon topic 芯片
    wait.until(ready.text_to_be_present_in_element((By.CSS_SELECTOR, "#main"), "時間軸"))
    title = browser.find_element(By.CSS_SELECTOR, "#main h1").text
    rows = browser.find_elements(By.CSS_SELECTOR, "#main table tr")
    print(f"screenshots: topic page {title} with {len(rows)} table rows")
    shot("3-topic")

    browser.get(base + "/#/document/1")
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, ".turn")))
    shot("4-document")
finally:
    browser.quit()
