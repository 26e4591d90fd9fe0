"""Generic tools for source plugins, built-in or third-party.

A source plugin holds the knowledge of one site (its selectors, chrome
phrases, disclaimers, claim signals); everything that is true of news
pages in general lives here, one concept per module:

* ``lines``: cleaning text lines, splitting text into lines, naming chrome lines;
* ``urls``: URL lines and host checks;
* ``dates``: date lines (``1 Jul 2022``, ``01.07.2022``, ISO 8601…) to ISO values;
* ``bylines``: byline lines and author-name lists to names;
* ``jsonld``: JSON-LD objects and the article metadata they carry;
* ``html``: markup sniffing, head metadata, the lxml page tree and its text;
* ``select``: CSS selectors, compiled by lxml, and searches with them;
* ``blocks``: a page read as text blocks, each in a zone the plugin names;
* ``defences``: generic signs that an element inside the article text is none
  (hidden, link lists, author bios, tags, widgets, embeds), built on ``looks``
  (an element read within bounds), ``labels`` (``Related``, ``Tags:``…),
  ``classnames`` (``article-share``, ``ad-slot``…) and ``reasons`` (their names);
* ``claims``: whether a saved page declares itself a given site;
* ``pagetype``: article or listing page (section, tag, search, home);
* ``comments``: comment threads from drafts collected in document order;
* ``languages``: language-keyed slots (``{"en": text}``) and script tests.

Every public name (each module's ``__all__``) is documented in
docs/toolkit.md, which ``python -m scripts.write_toolkit_docs`` writes from
the docstrings; a test keeps the two in sync.
"""
