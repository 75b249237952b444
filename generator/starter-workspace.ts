/** The files `revbook init` writes: a small workspace that lints clean and shows every main kind. */

export const STARTER_FILES: Record<string, string> = {
  "revbook.yaml": `version: 1
title: Revenue Handbook
crm: hubspot
definitions: ["definitions/**/*.{yaml,yml}"]
docs: ["handbook/**/*.md"]
out: public
rules:
  doc-stale: { severity: warn, maxAge: P365D }
`,
  "definitions/teams.yaml": `kind: Team
id: marketing
name: Marketing
channel: "#marketing"
---
kind: Team
id: sdr
name: Sales Development
channel: "#sdr"
`,
  "definitions/objects/contact.yaml": `kind: Object
id: contact
name: Contact
crmName: contacts
owner: marketing
properties:
  - id: email
    name: Email
    type: string
  - id: lifecyclestage
    name: Lifecycle stage
    type: enum
    options: [subscriber, lead, marketingqualifiedlead]
  - id: lead_score
    name: Lead score
    type: number
  - id: jobtitle
    name: Job title
    type: string
`,
  "definitions/lifecycle.yaml": `kind: Pipeline
id: lifecycle
name: Lifecycle
object: contact
property: lifecyclestage
forwardOnly: true
owner: marketing
stages: [subscriber, lead, mql]
---
kind: Stage
id: subscriber
definition: Someone who opted in to hear from us.
owner: marketing
exitCriteria: [Fills in a form]
manual: true
---
kind: Stage
id: lead
definition: A contact who has shared their details through a form.
owner: marketing
exitCriteria: [Reaches the MQL score]
manual: true
---
kind: Stage
id: mql
name: Marketing Qualified Lead
crmValue: marketingqualifiedlead
definition: A contact whose fit and engagement make them worth a salesperson's time.
owner: sdr
sla: PT4H
terminal: true
`,
  "definitions/scoring.yaml": `kind: ScoringModel
id: lead-score
object: contact
property: lead_score
owner: marketing
max: 100
groups:
  - id: fit
    name: Fit
    category: fit
    rules:
      - when: { property: jobtitle, op: contains, value: Director }
        points: 60
thresholds:
  - { stage: mql, min: 60 }
`,
  "definitions/triggers/promote-to-mql.yaml": `kind: Trigger
id: promote-to-mql
name: Promote to MQL
object: contact
owner: marketing
when:
  all:
    - { property: lead_score, op: gte, value: 60 }
    - { property: email, op: known }
    - { property: lifecyclestage, op: in, value: [subscriber, lead] }
actions:
  - setStage: mql
  - notify: { team: sdr, channel: "#sdr" }
`,
  "handbook/index.md": `---
title: Revenue Handbook
description: How we define and run our revenue engine.
owner: marketing
weight: 1
---

# Revenue Handbook

A contact becomes an [MQL](stage:mql) when the [lead score](scoring:lead-score) reaches 60;
the [promotion trigger](trigger:promote-to-mql) then alerts the [SDR team](team:sdr).

::stages{pipeline="lifecycle"}
`,
};
