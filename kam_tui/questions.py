"""Our growth-plan questions: the method's eight categories, our own wording.

Not every question applies to every account; the point is to see what is still
unknown, who will find out, and by when. Keys are stored in the database and
must never change once released; add new questions with new keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from kam_tui.vocabulary import QuestionCategory as C


@dataclass(frozen=True)
class Question:
    key: str
    category: C
    text: str


_CATALOGUE: dict[C, list[str]] = {
    C.OUR_TEAM: [
        "Who on our side owns each relationship with the customer?",
        "Which of the six team roles are covered, and by whom?",
        "Who is our executive sponsor, and how often do they meet the customer?",
        "How often does our account team meet, and with what standing agenda?",
        "Which colleagues outside the core team does the customer rely on?",
        "What does the customer think of our team today?",
    ],
    C.THEIR_TEAM: [
        "Who makes the final buying decision, and who owns the budget?",
        "Who evaluates us technically, and what do they care about?",
        "Who are our champions, and what do they gain if we succeed?",
        "Who could block or derail the plan, and why?",
        "How is the organisation structured around what we sell?",
        "Who has joined or left the key roles in the last year?",
        "Whom have we never met but should?",
    ],
    C.TRENDS: [
        "What is changing in the customer's market this year?",
        "Which regulations or standards will affect them?",
        "What technology shifts are they betting on, or worried about?",
        "How is their financial position moving?",
        "What are their own customers asking of them?",
        "Which mergers, acquisitions or reorganisations are under way?",
    ],
    C.NEEDS: [
        "What are the customer's top three business priorities?",
        "Which problems keep their leadership up at night?",
        "What does success look like for them in twelve months?",
        "Which projects are funded and which are still looking for budget?",
        "What have they tried before that did not work?",
        "How do they measure the value of a supplier?",
    ],
    C.ACCOUNT_FACTS: [
        "What framework agreements are in force, and when do they renew?",
        "What have they bought from us, and where is it used?",
        "How do they buy: process, thresholds, procurement's role?",
        "What is their budget cycle, and when is it set?",
        "What is our share of their spend in our category?",
        "How satisfied are they with what they have today?",
    ],
    C.COMPETITORS: [
        "Which competitors are present in the account, and where?",
        "What does each competitor do better than we do here?",
        "Who in the customer favours a competitor, and why?",
        "Which of our contracts are at risk of being replaced?",
        "Which partners could strengthen our position?",
        "How do competitors price against us in this account?",
    ],
    C.VALUE: [
        "What unique value can we deliver that others cannot?",
        "Which units or regions could use what we already sell?",
        "What measurable results have we delivered so far?",
        "Which new offerings would fit their plans?",
        "What would make us a strategic partner rather than a supplier?",
        "What reference value does this account have for us?",
    ],
    C.UNKNOWNS: [
        "What do we assume about this account that we have not checked?",
        "Which decisions are coming up that we know too little about?",
        "What would we need to know to double our business here?",
        "Where could an account development workshop find new business?",
        "What risks to the relationship have we not yet named?",
    ],
}

QUESTIONS: tuple[Question, ...] = tuple(
    Question(f"{category.value}.{n}", category, text)
    for category, texts in _CATALOGUE.items()
    for n, text in enumerate(texts, start=1)
)
BY_KEY: dict[str, Question] = {q.key: q for q in QUESTIONS}
