"""The word lists the corpus generator draws from (written for this benchmark).

Plain news vocabulary: nouns, verbs, adjectives, invented people, places
and institutions, plus short Ukrainian and Russian vocabularies for the
translation blocks of Al Jazeera reposts. Words that are site chrome on
their own (``share``, ``related``, ``reply``...) are left out, so a
generated heading never reads as a widget label.
"""

from __future__ import annotations


def _split(text: str) -> tuple[str, ...]:
    """The whitespace-separated entries of ``text``."""
    return tuple(text.split())


def _lines(text: str) -> tuple[str, ...]:
    """The non-empty stripped lines of ``text``."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


FIRST_NAMES = _split(
    """
    Amina Boris Carla Dmitri Elena Farid Gloria Hassan Irina Jonas Karim Lena Marco Nadia
    Omar Petra Quentin Rosa Samir Tamara Ulrich Vera Walid Xenia Yusuf Zora Anton Beatriz
    Callum Dalia Emil Fatima Goran Hana Ivo Julia Kofi Laila Mateo Nora Oskar Priya Rafael
    Salma Tomas Ursula Viktor Wanda Yara Zeynep Adel Bianca Cyril Dunya Edgar Felix Greta
    """
)
LAST_NAMES = _split(
    """
    Abbasi Brennan Castillo Dovzhenko Eriksen Farouk Galloway Haddad Ilyin Jaramillo Kovacs
    Lindqvist Mansour Navarro Okafor Petrenko Quispe Rahimi Sandoval Tkachenko Umarov Vasquez
    Whitfield Yilmaz Zaleski Ardent Bakker Chaudhry Delacroix Esposito Fontaine Grimaldi
    Halvorsen Ibrahim Jovanovic Kaminski Laurent Moreau Nakamura Osei Pavlenko Reyes Sorensen
    Tanaka Ulloa Varga Weber Xiong Yadav Zubiri Ashworth Beaumont Corbett Drummond
    """
)
PLACES = _split(
    """
    Kharkiv Odesa Lviv Minsk Tbilisi Baku Yerevan Ankara Beirut Amman Cairo Tunis Rabat
    Nairobi Khartoum Doha Muscat Karachi Dhaka Colombo Jakarta Manila Hanoi Bangkok Seoul
    Lagos Accra Dakar Lima Quito Bogota Caracas Santiago Montevideo Warsaw Vilnius Riga
    Tallinn Helsinki Oslo Vienna Prague Budapest Belgrade Sofia Bucharest Chisinau Athens
    """
)
INSTITUTIONS = _lines(
    """
    the defence ministry
    the central bank
    the electoral commission
    the regional council
    the foreign ministry
    the port authority
    the energy regulator
    the national assembly
    the supreme court
    the finance committee
    the health ministry
    the farmers' union
    the teachers' federation
    the border agency
    the statistics office
    the interior ministry
    the transport workers' union
    the chamber of commerce
    the water utility
    the city administration
    """
)
NOUNS = _split(
    """
    agreement budget ceasefire convoy corridor council crisis deadline delegation dispute
    economy election embassy exports farmers fuel grain harbour inflation inquiry investors
    lawmakers loans markets mayor militia minister negotiations officials opposition pipeline
    protesters reforms refugees region sanctions senators shipments soldiers summit supplies
    talks tariffs taxes treaty troops tunnel villages voters wages warehouse workers checkpoint
    drought floods harvest hospital clinic school bridge railway airport factory mine reservoir
    aquifer wells power grid refinery terminal shipyard market prices rents contracts permits
    courts judges prosecutors witnesses journalists analysts economists diplomats envoys
    ministers governors residents families students teachers nurses doctors engineers pilots
    fishermen miners drivers traders bankers """
)
ADJECTIVES = _split(
    """
    regional national local foreign domestic military civilian economic political fragile
    lengthy contested temporary permanent unexpected cautious sharp gradual modest steep
    renewed bitter quiet urgent northern southern eastern western coastal rural urban
    independent joint secret public private international formal informal disputed rising
    falling delayed expanded reduced narrow broad careful firm open closed
    """
)
VERBS_PAST = _split(
    """
    approved rejected announced delayed criticised welcomed signed suspended extended expanded
    reduced reviewed questioned defended blocked funded opened closed rebuilt inspected
    postponed negotiated confirmed denied proposed promised warned urged demanded accused
    reported estimated recorded measured doubled halved raised lowered cancelled restored
    """
)
VERBS_PRESENT = _split(
    """
    approve reject announce delay criticise welcome sign suspend extend expand reduce review
    question defend block fund open close rebuild inspect postpone negotiate confirm deny
    """
)
TIME_PHRASES = _lines(
    """
    on Monday
    on Tuesday
    on Wednesday
    on Thursday
    on Friday
    over the weekend
    earlier this week
    last month
    in recent weeks
    late on Sunday
    by the end of the year
    within days
    after months of delay
    since the spring
    """
)
CONNECTORS = _lines(
    """
    However,
    Meanwhile,
    In a statement,
    At the same time,
    According to local media,
    For now,
    Even so,
    Until then,
    By contrast,
    In practice,
    """
)
SAY_VERBS = _split("said told explained added noted warned argued insisted")
ROLES = _lines(
    """
    a senior official
    an economist at the university
    a spokesperson for the ministry
    a local farmer
    a member of parliament
    an analyst based in the capital
    the deputy mayor
    a retired engineer
    a union organiser
    a researcher at a policy institute
    """
)

UK_WORDS = _split(
    """
    уряд країна війна санкції економіка рішення угода переговори міністр президент влада
    область місто село громада люди родини ціни зерно пальне енергія мережа підприємство
    працівники фермери вибори парламент комісія рада бюджет податки кордон порт залізниця
    звіт заява зустріч тиск підтримка допомога відновлення інфляція торгівля експорт
    західні нові великі місцеві державні військові регіональні швидкі важливі спільні
    заявив оголосив підписав схвалив відхилив зменшив збільшив повідомив відклав розпочав
    """
)
UK_FUNCTION = _split(
    """
    і та що це як від для до на не за по під про із у в але або його їх також який після
    через між вже
    """
)
RU_WORDS = _split(
    """
    правительство страна война санкции экономика решение соглашение переговоры министр
    президент власти область город село люди семьи цены зерно топливо энергия сеть
    предприятие работники фермеры выборы парламент комиссия совет бюджет налоги граница
    порт железная дорога отчёт заявление встреча давление поддержка помощь восстановление
    инфляция торговля экспорт западные новые крупные местные государственные военные
    региональные быстрые важные совместные заявил объявил подписал одобрил отклонил
    уменьшил увеличил сообщил отложил начал объём съезд этот
    """
)
RU_FUNCTION = _split(
    """
    и в на не что это как от для до по под при из с у но или его их также который после
    через между уже ещё бы же
    """
)

CSS_PROPERTIES = _split(
    """
    margin padding color background font-size line-height display width max-width height
    border border-radius gap flex grid-template-columns text-align letter-spacing opacity
    transition z-index position top left overflow box-shadow font-weight
    """
)
CSS_VALUES = _split(
    """
    0 auto 1rem 2rem 0.5rem 12px 16px 24px 100% 50% none block flex inline-block center
    #111 #fff #e4e4e4 #0c5a8a rgba(0,0,0,.6) bold 600 1.4 1.6 hidden relative absolute
    """
)
