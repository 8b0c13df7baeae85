def code_events(doc, people, mentions, ru, date):
    return []
