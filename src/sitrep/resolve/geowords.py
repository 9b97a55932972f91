"""Word lists the geoparser uses to tell place names from ordinary capitalised words.

Kept apart from the matching code so they can grow without burying it. All lower case.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words before a name that make it a place reference even when it is also a common word.
LOCATIVE_CUES = _words(
    """
    across around at between from in into near of outside through to toward towards via
    """
)

#: Verbs of taking or striking a place ("shelled Kafr Tesh", "stormed Tal Rifaat"): enough to
#: say a village's name is a place, which the bare name of a hamlet is not.
ACTION_CUES = _words(
    """
    attacked besieged bombarded bombed captured entered hit hitting raided recaptured seized shelled
    stormed struck targeted targeting took
    """
)

#: Capitalised words allowed to the left of a place inside a longer capitalised run.
LEFT_OK = _words(
    """
    american and at central downtown east eastern from greater in iranian iraqi israeli
    jordanian kurdish lebanese lower near new north northeast northeastern northern northwest
    northwestern of old rural south southeast southeastern southern southwest southwestern
    syrian the to turkish upper west western
    """
)

#: Capitalised words that start sentences or titles far more often than they name a place.
COMMON_WORDS = _words(
    """
    a about according added affairs afp after agency airport al all alliance also an and any
    april arab are area army as associated at attack attacks august autumn base bay bbc be
    because been before being best between big bill black blue border both bridge but by camp
    can captain catholic center central centre chance chief children christ christian church
    city claim claimed cnn coalition college colonel command commander could council court
    cross daily december defence defense democratic department deputy did district do does dr
    drone drones drug drugs during each earlier early east energy even every facebook fall
    family february federal few first five for force forces foreign four freedom friday from
    front further general golden good government grant great green gulf had has have he head
    health her here high him his home hope hospital hotel house how however human humans i if
    imam in independence interior international into is islamic island it its ivy january
    jazeera jewish july june just justice kill killed king kurdish lake last late later
    liberation liberty lieutenant lincoln little long lord low mad major man many march market
    may me meanwhile media men might minister ministry mission mobile monday moon more mosque
    most mount mr mrs ms much museum muslim must my national navy new news next no nor north
    not november now ocean october of off office official officials old on once one only
    operation operations or other our out over own park party peace people police popular post
    president press pride prince princess province public queen red region report reported
    reports republic resistance reuters revolution river road rocket rockets royal said same
    saturday say says sea second security september sergeant she sheikh should since sir six
    small so some south spokesman spokesperson spring square star state states station still
    street strike strikes such summer summit sun sunday tank telegram temple than that the
    their them then there these they third this those three through thursday thus tim times to
    today told too town tuesday twitter two under union unity university until up upon valley
    very victory village was we wednesday were west what when where which while white who whom
    why will winter with within without woman women world would yet you young your zone
    """
)

#: Armed groups and movements whose names are also toponyms somewhere ("Al Shabaab" is a town
#: in Iran): the name, lower case, words joined by one space, is never a place.
ORGANISATIONS = frozenset(
    {
        "al shabaab", "al shabab", "shabaab", "boko haram", "hezbollah", "hizballah",
        "hizbollah", "hamas", "houthi", "houthis", "taliban", "daesh", "isis", "isil",
        "al qaeda", "al qaida", "ansar allah", "ansarullah", "wagner", "fatah",
    }
)  # fmt: skip

#: Words that are never toponyms, even after "in" ("in August", "in Mr Ali's house").
NEVER = _words(
    """
    a al an and april august december el february friday in january july june march may monday
    november october of saturday september sunday the thursday tuesday wednesday
    """
)

#: Words before a capitalised name that make it a person's name.
TITLES = _words(
    """
    brother captain chief colonel commander dr father general governor imam king lieutenant
    lord major mayor minister mr mrs ms pope president prince princess professor queen saint
    senator sergeant sheikh sir sister spokesman st
    """
)

#: Nationality words that the gazetteer would otherwise take for towns ("Canadian", Texas).
DEMONYMS = _words(
    """
    afghan african algerian american angolan arab arabic argentine asian australian austrian
    bahraini belgian bolivian brazilian british bulgarian canadian chadian chilean chinese
    colombian congolese croatian cuban czech danish dutch eastern egyptian emirati english
    ethiopian european filipino finnish french german greek haitian hungarian indian
    indonesian iranian iraqi irish israeli italian japanese jordanian kenyan korean kurdish
    kuwaiti lebanese libyan malaysian mexican mongolian moroccan nepalese nigerian northern
    norwegian omani pakistani palestinian persian peruvian polish qatari romanian russian
    rwandan saudi scottish serbian shia shiite singaporean somali southern spanish sudanese
    sunni swedish swiss syrian thai tunisian turkish ugandan ukrainian venezuelan vietnamese
    welsh western yazidi yemeni zambian zimbabwean
    """
)

#: Verbs after a capitalised name that make it a person ("Thomas said").
SPEECH = _words(
    """
    added argued asked explained noted said says stated told warned wrote
    """
)

#: Demonyms that imply a country: never toponyms themselves, but "Iraqi officials" says the
#: story is in Iraq, which helps resolve its other places.
DEMONYM_COUNTRY = {
    "afghan": "AF", "algerian": "DZ", "american": "US", "angolan": "AO", "argentine": "AR",
    "australian": "AU", "austrian": "AT", "bahraini": "BH", "belgian": "BE", "bolivian": "BO",
    "brazilian": "BR", "british": "GB", "bulgarian": "BG", "canadian": "CA", "chadian": "TD",
    "chilean": "CL", "chinese": "CN", "colombian": "CO", "croatian": "HR", "cuban": "CU",
    "czech": "CZ", "danish": "DK", "dutch": "NL", "egyptian": "EG", "emirati": "AE",
    "english": "GB", "ethiopian": "ET", "filipino": "PH", "finnish": "FI", "french": "FR",
    "german": "DE", "greek": "GR", "haitian": "HT", "hungarian": "HU", "indian": "IN",
    "indonesian": "ID", "iranian": "IR", "iraqi": "IQ", "irish": "IE", "israeli": "IL",
    "italian": "IT", "japanese": "JP", "jordanian": "JO", "kenyan": "KE", "kuwaiti": "KW",
    "lebanese": "LB", "libyan": "LY", "malaysian": "MY", "mexican": "MX", "mongolian": "MN",
    "moroccan": "MA", "nepalese": "NP", "nigerian": "NG", "norwegian": "NO", "omani": "OM",
    "pakistani": "PK", "palestinian": "PS", "persian": "IR", "peruvian": "PE", "polish": "PL",
    "qatari": "QA", "romanian": "RO", "russian": "RU", "rwandan": "RW", "saudi": "SA",
    "scottish": "GB", "serbian": "RS", "singaporean": "SG", "somali": "SO", "spanish": "ES",
    "sudanese": "SD", "swedish": "SE", "swiss": "CH", "syrian": "SY", "thai": "TH",
    "tunisian": "TN", "turkish": "TR", "ugandan": "UG", "ukrainian": "UA", "venezuelan": "VE",
    "vietnamese": "VN", "welsh": "GB", "yemeni": "YE", "zambian": "ZM", "zimbabwean": "ZW",
    "philippine": "PH", "texan": "US", "californian": "US", "ghanaian": "GH", "korean": "KR",
}  # fmt: skip
