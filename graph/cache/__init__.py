"""What is cached from the portfolio graph, and what makes each cached answer stale: the rules in one place.

A server keeps answers computed from the in-memory graph until a write makes them stale. Which
write makes which answer stale is decided here, by these rules, each with its reason:

1. **Scope** (``touched.touched_specialties``): an answer scoped to a specialty reads only that
   specialty's neighbourhood, so a write forgets it only if the write touches that specialty,
   asked of the graph before and after the write (an element may move). An answer of the whole
   portfolio (scope ``EVERYTHING``) goes with any write.
2. **Similar work and pairs** (``followed.Followed.may_change``): a write re-vectorises only the
   elements it touched, so every other pair keeps its score; a list of suggestions can only lose
   a rewritten element or take in one that now scores high enough (``SHOWN_MARGIN`` allows for
   scores shown rounded to two decimals).
3. **Partner specialties** (``page.PageCache.forget_partners``): only the specialties whose profile
   reads differently after the write (graph.queries.synergies.follow_profiles) move scores and
   reasons; a list is forgotten only if it shows one of them, or if one of them enters, leaves or
   rises into it.
4. **No late answers** (``page.PageCache.moving``): an answer computed while a write ran may be
   handed out but is never stored, so nothing read before a write outlives it in the cache.

``holder.GraphHolder`` applies a store's changes to the graph and calls the rules; web/state.py
is only the Flask glue around it.
"""
