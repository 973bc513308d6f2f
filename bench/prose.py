"""Deterministic pseudo-prose in English and Spanish, shaped like an awareness site's articles.

The sentences are built from short phrase lists, so they read as plausible text to a Markdown
parser (and roughly to a person) without any real content.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Vocabulary:
    """The phrases one language's sentences, headings and titles are built from."""

    subjects: tuple[str, ...]
    verbs: tuple[str, ...]
    objects: tuple[str, ...]
    tails: tuple[str, ...]
    headings: tuple[str, ...]
    list_items: tuple[str, ...]
    table_header: tuple[str, str, str]
    table_rows: tuple[str, ...]
    title_topics: tuple[str, ...]
    title_audiences: tuple[str, ...]
    title_pattern: str
    link_texts: tuple[str, ...]
    external_text: str


# fmt: off
ENGLISH = Vocabulary(
    subjects=(
        "Many survivors", "Trained advocates", "Outreach workers", "Local employers",
        "School counsellors", "Emergency nurses", "Our volunteers", "Community groups",
        "Young people", "Faith leaders", "Health workers", "The coalition",
        "Parents and caregivers", "Case managers", "Librarians", "Labour inspectors",
    ),
    verbs=(
        "often notice", "can recognise", "rarely talk about", "learn to spot", "help explain",
        "quietly report", "carefully document", "openly discuss", "slowly rebuild",
        "regularly review", "need support with", "want to understand",
    ),
    objects=(
        "the signs of control", "debt that never shrinks", "unpaid overtime",
        "confiscated documents", "isolation from family", "threats against relatives",
        "false job offers", "online grooming", "unsafe housing", "long working hours",
        "the hotline number", "a safety plan", "their own choices", "confidential services",
    ),
    tails=(
        "in small towns and large cities", "when nobody else is listening",
        "after a first conversation", "without pressure or judgement", "over many months",
        "with the help of interpreters", "at work and at school", "long before a crisis",
        "in English and in Spanish", "once trust has been built", "during a routine visit",
    ),
    headings=(
        "What to look for", "Why it matters", "How to respond safely", "What we learned",
        "Questions people ask", "Where to find help", "Working with partners",
        "Stories from the field", "What the numbers say", "Next steps",
    ),
    list_items=(
        "Save the hotline number in your phone", "Ask open questions and listen without judgement",
        "Never confront someone you suspect", "Offer options rather than instructions",
        "Write down what you saw and when", "Follow your workplace's policy",
        "Share information from trusted sources", "Respect the person's own decisions",
        "Call 911 if someone is in immediate danger", "Keep conversations private and calm",
    ),
    table_header=("Setting", "What you might notice", "Who to call"),
    table_rows=(
        "Workplace", "Restaurant", "Farm", "School", "Clinic", "Hotel", "Online", "Home",
        "Construction site", "Nail salon",
    ),
    title_topics=(
        "Warning signs", "Labour trafficking", "Online safety", "Survivor support", "Debt bondage",
        "Youth outreach", "Community training", "Supply chains", "Language access",
        "Housing and safety", "Healthcare settings", "Prevention work",
    ),
    title_audiences=(
        "parents", "teachers", "employers", "nurses", "volunteers", "neighbours", "coaches",
        "librarians", "bus drivers", "pharmacists",
    ),
    title_pattern="{topic}: what {audience} should know",
    link_texts=("our earlier article", "a related story", "this explainer", "a practical guide"),
    external_text="the National Human Trafficking Hotline",
)

SPANISH = Vocabulary(
    subjects=(
        "Muchas sobrevivientes", "El personal capacitado", "Las trabajadoras sociales",
        "Los empleadores locales", "Las orientadoras escolares", "El personal de enfermería",
        "Nuestro voluntariado", "Los grupos comunitarios", "Las personas jóvenes",
        "Las comunidades de fe", "La coalición", "Las madres y los padres", "Las bibliotecarias",
        "Los inspectores de trabajo",
    ),
    verbs=(
        "suelen notar", "pueden reconocer", "rara vez mencionan", "aprenden a detectar",
        "ayudan a explicar", "documentan con cuidado", "conversan abiertamente sobre",
        "reconstruyen poco a poco", "revisan con frecuencia", "necesitan apoyo con",
        "quieren entender",
    ),
    objects=(
        "las señales de control", "una deuda que nunca baja", "las horas extra sin pago",
        "los documentos retenidos", "el aislamiento de la familia", "las amenazas a parientes",
        "las ofertas de empleo falsas", "la captación en línea", "una vivienda insegura",
        "las jornadas muy largas", "el número de la línea de ayuda", "un plan de seguridad",
        "sus propias decisiones", "los servicios confidenciales",
    ),
    tails=(
        "en pueblos pequeños y grandes ciudades", "cuando nadie más escucha",
        "después de una primera conversación", "sin presión ni juicios", "durante muchos meses",
        "con la ayuda de intérpretes", "en el trabajo y en la escuela", "mucho antes de una crisis",
        "en español y en inglés", "una vez que hay confianza", "durante una visita de rutina",
    ),
    headings=(
        "Qué observar", "Por qué importa", "Cómo responder con seguridad", "Lo que aprendimos",
        "Preguntas frecuentes", "Dónde pedir ayuda", "Trabajo con organizaciones aliadas",
        "Historias del terreno", "Lo que dicen las cifras", "Próximos pasos",
    ),
    list_items=(
        "Guarde el número de la línea de ayuda en su teléfono",
        "Haga preguntas abiertas y escuche sin juzgar", "Nunca confronte a quien sospeche",
        "Ofrezca opciones en lugar de instrucciones", "Anote lo que vio y cuándo",
        "Siga la política de su lugar de trabajo", "Comparta información de fuentes confiables",
        "Respete las decisiones de la persona", "Llame al 911 si alguien está en peligro inmediato",
        "Mantenga la conversación en privado y con calma",
    ),
    table_header=("Lugar", "Lo que podría notar", "A quién llamar"),
    table_rows=(
        "Trabajo", "Restaurante", "Campo", "Escuela", "Clínica", "Hotel", "Internet", "Hogar",
        "Obra", "Salón de uñas",
    ),
    title_topics=(
        "Señales de alerta", "Trata laboral", "Seguridad en línea", "Apoyo a sobrevivientes",
        "Servidumbre por deudas", "Trabajo con jóvenes", "Capacitación comunitaria",
        "Cadenas de suministro", "Acceso lingüístico", "Vivienda y seguridad", "Entornos de salud",
        "Prevención",
    ),
    title_audiences=(
        "las familias", "el personal docente", "los empleadores", "el personal de enfermería",
        "el voluntariado", "el vecindario", "los entrenadores", "las bibliotecas",
        "los conductores", "las farmacias",
    ),
    title_pattern="{topic}: lo que {audience} deben saber",
    link_texts=("nuestro artículo anterior", "una historia relacionada", "esta guía"),
    external_text="la Línea Nacional contra la Trata de Personas",
)
# fmt: on

VOCABULARIES = {"en": ENGLISH, "es": SPANISH}


def sentence(rng: random.Random, words: Vocabulary) -> str:
    parts = [rng.choice(words.subjects), rng.choice(words.verbs), rng.choice(words.objects)]
    if rng.random() < 0.7:
        parts.append(rng.choice(words.tails))
    if rng.random() < 0.15:
        parts[2] = f"**{parts[2]}**"
    return " ".join(parts) + "."


def paragraph(rng: random.Random, words: Vocabulary, sentences: int) -> str:
    return " ".join(sentence(rng, words) for _ in range(sentences))


def title(words: Vocabulary, topic: int, audience: int) -> str:
    """A title from topic and audience indexes, so both languages say the same thing."""
    return words.title_pattern.format(
        topic=words.title_topics[topic], audience=words.title_audiences[audience]
    )


def bullet_list(rng: random.Random, words: Vocabulary, ordered: bool) -> str:
    items = rng.sample(words.list_items, rng.randint(3, 6))
    return "\n".join(
        f"{number}. {item}." if ordered else f"- {item}."
        for number, item in enumerate(items, start=1)
    )


def table(rng: random.Random, words: Vocabulary) -> str:
    header = "| " + " | ".join(words.table_header) + " |"
    rows = [header, "| --- | --- | --- |"]
    for setting in rng.sample(words.table_rows, rng.randint(3, 5)):
        notice = rng.choice(words.objects)
        rows.append(f"| {setting} | {notice.capitalize()} | 1-888-373-7888 |")
    return "\n".join(rows)


def word_count(markdown_text: str) -> int:
    return len(markdown_text.split())


@dataclass(frozen=True)
class Outline:
    """What an article's body holds, shared by its English and Spanish versions."""

    words: int  # the length aimed at, 400-900 words in either language
    paragraphs: tuple[int, ...]  # per section; section 0 is the introduction, without a heading
    headings: tuple[int, ...]  # index into Vocabulary.headings, one per section after the first
    bullets_in: int  # the section that holds the bullet list
    numbers_in: int  # ... the numbered list
    table_in: int  # ... the table
    links: tuple[tuple[int, str], ...]  # (section, key of another article)
    external: tuple[int, str]  # (section, https URL)


EXTERNAL_SITES = (
    "https://humantraffickinghotline.org/",
    "https://polarisproject.org/",
    "https://www.acf.hhs.gov/otip",
    "https://www.state.gov/humantrafficking/",
    "https://www.dol.gov/agencies/whd",
)
WORDS_PER_PARAGRAPH = 55


def outline(rng: random.Random, other_keys: list[str]) -> Outline:
    """Plan a body of 400-900 words: 2-4 headed sections after an introduction."""
    sections = rng.randint(3, 5)
    words = rng.randint(420, 820)
    counts = [1] * sections
    for _ in range(max(0, words // WORDS_PER_PARAGRAPH - 2 - sections)):
        counts[rng.randrange(sections)] += 1
    blocks = [rng.randrange(1, sections) for _ in range(3)]
    return Outline(
        words=words,
        paragraphs=tuple(counts),
        headings=tuple(rng.sample(range(len(ENGLISH.headings)), sections - 1)),
        bullets_in=blocks[0],
        numbers_in=blocks[1],
        table_in=blocks[2],
        links=tuple((rng.randrange(sections), key) for key in rng.sample(other_keys, 3)),
        external=(rng.randrange(sections), rng.choice(EXTERNAL_SITES)),
    )


def body(plan: Outline, lang: str, rng: random.Random) -> str:
    """The Markdown body of one language's version of an article, close to `plan.words` long."""
    words = VOCABULARIES[lang]
    extras = [_blocks_in(plan, section, words, rng) for section in range(len(plan.paragraphs))]
    links = [_links_in(plan, section, lang, rng) for section in range(len(plan.paragraphs))]
    fixed = sum(word_count(text) for texts in (*extras, *links) for text in texts)
    budget = max(20, (plan.words - fixed) // sum(plan.paragraphs))
    blocks: list[str] = []
    for section, paragraphs in enumerate(plan.paragraphs):
        if section:
            blocks.append("## " + words.headings[plan.headings[section - 1]])
        texts = [_paragraph_of(rng, words, budget) for _ in range(paragraphs)]
        texts[-1] = " ".join([texts[-1], *links[section]])
        blocks += texts + extras[section]
    return "\n\n".join(blocks) + "\n"


def _paragraph_of(rng: random.Random, words: Vocabulary, budget: int) -> str:
    """Sentences until the paragraph holds about `budget` words."""
    sentences = [sentence(rng, words)]
    while word_count(" ".join(sentences)) < budget - 6:
        sentences.append(sentence(rng, words))
    return " ".join(sentences)


def _links_in(plan: Outline, section: int, lang: str, rng: random.Random) -> list[str]:
    words = VOCABULARIES[lang]
    see = "Lea también" if lang == "es" else "See also"
    links = [
        f"{see} [{rng.choice(words.link_texts)}](/{lang}/articles/{key}/)."
        for linked_section, key in plan.links
        if linked_section == section
    ]
    if plan.external[0] == section:
        links.append(f"{see} [{words.external_text}]({plan.external[1]}).")
    return links


def _blocks_in(plan: Outline, section: int, words: Vocabulary, rng: random.Random) -> list[str]:
    blocks = []
    if plan.bullets_in == section:
        blocks.append(bullet_list(rng, words, ordered=False))
    if plan.numbers_in == section:
        blocks.append(bullet_list(rng, words, ordered=True))
    if plan.table_in == section:
        blocks.append(table(rng, words))
    return blocks


def summary(rng: random.Random, lang: str) -> str:
    return sentence(rng, VOCABULARIES[lang]).replace("**", "")
