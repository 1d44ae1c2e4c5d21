"""Demo curricula written for REPAIR; loaded by `manage.py seed_demo`."""

# Each curriculum is a plain dict; see CURRICULA at the bottom of this file.
# Bodies are Markdown. Choices are (text, is_correct) tuples.

LEADERSHIP = {
    "slug": "repair-leadership",
    "title": "REPAIR Leadership: Leading Policing That Affirms Human Rights",
    "language": "en",
    "translation_group": "repair-leadership",
    "thematic_area": "Human rights leadership",
    "credit_hours": 24,
    "summary": "A six-week course for supervisors and command staff on leading a police organization that protects and affirms civil and human rights. Leaders study the legal and moral foundations of rights, learn from history how ordinary institutions took part in atrocities, and build the policies, culture and accountability systems that make rights-based policing last.",
    "paced": True,
    "pre_post_test": {
        "pass_mark": 70,
        "questions": [
            {
                "text": "In which year did the United Nations General Assembly adopt the Universal Declaration of Human Rights?",
                "kind": "single",
                "explanation": "The General Assembly adopted the Universal Declaration of Human Rights on 10 December 1948, which is why 10 December is observed as Human Rights Day.",
                "choices": [
                    ("1919", False),
                    ("1948", True),
                    ("1964", False),
                    ("1979", False),
                ],
            },
            {
                "text": "Under 42 U.S.C. § 1983, a person may bring a civil lawsuit against a state or local official who, acting under color of law, deprived them of rights secured by the Constitution or federal law.",
                "kind": "true_false",
                "explanation": "Section 1983 creates a civil cause of action against any person who, under color of state law, deprives someone of federal constitutional or statutory rights. It applies to state and local police officers.",
                "choices": [("True", True), ("False", False)],
            },
            {
                "text": "Which of the following are commonly described as elements of procedural justice? Select all that apply.",
                "kind": "multiple",
                "explanation": "Procedural justice is usually described through four elements: giving people voice, making decisions neutrally, treating people with dignity and respect, and acting from trustworthy motives. Speed and enforcement volume are not elements of procedural justice.",
                "choices": [
                    ("Giving people a voice: a chance to explain their side", True),
                    ("Neutral, transparent decision-making", True),
                    ("Treating people with dignity and respect", True),
                    ("Maximizing the number of enforcement actions per shift", False),
                    ("Ending every contact as quickly as possible", False),
                ],
            },
            {
                "text": "In Graham v. Connor (1989), the US Supreme Court held that claims of excessive force during an arrest or other seizure are judged under which standard?",
                "kind": "single",
                "explanation": "Graham v. Connor held that such claims are analyzed under the Fourth Amendment's 'objective reasonableness' standard, judged from the perspective of a reasonable officer on the scene, considering the severity of the crime, whether the person poses an immediate threat, and whether the person is actively resisting or attempting to flee.",
                "choices": [
                    ("The officer's subjective good faith", False),
                    ("The Fourth Amendment's objective reasonableness standard", True),
                    ("Whatever the department's policy allows", False),
                    ("The Eighth Amendment's cruel and unusual punishment standard", False),
                ],
            },
            {
                "text": "Under the UN Basic Principles on the Use of Force and Firearms by Law Enforcement Officials (1990), obeying a superior's order is a valid defence even when the officer knew the order to use force was manifestly unlawful and had a reasonable opportunity to refuse it.",
                "kind": "true_false",
                "explanation": "False. The Basic Principles state that obedience to superior orders is no defence when officers knew that an order to use force resulting in death or serious injury was manifestly unlawful and had a reasonable opportunity to refuse to follow it. Superiors who give such orders are also responsible.",
                "choices": [("True", False), ("False", True)],
            },
            {
                "text": "Which of the following are pillars of the 2015 Final Report of the President's Task Force on 21st Century Policing? Select all that apply.",
                "kind": "multiple",
                "explanation": "The report is organized around six pillars: Building Trust and Legitimacy; Policy and Oversight; Technology and Social Media; Community Policing and Crime Reduction; Training and Education; and Officer Wellness and Safety.",
                "choices": [
                    ("Building Trust and Legitimacy", True),
                    ("Officer Wellness and Safety", True),
                    ("Training and Education", True),
                    ("Zero-Tolerance Enforcement", False),
                    ("Tactical Superiority", False),
                ],
            },
            {
                "text": "What is the central lesson that the history of police participation in atrocities (for example, ordinary German police units during the Holocaust) holds for police leaders today?",
                "kind": "single",
                "explanation": "Historians have shown that many participants were ordinary people in ordinary institutions. Dehumanization, unquestioning obedience, conformity to the group and laws that legalized discrimination made their participation possible. The lesson for leaders is that safeguards must be built into institutions; they cannot be assumed.",
                "choices": [
                    (
                        "Atrocities are committed only by extremists, so ordinary departments need no safeguards",
                        False,
                    ),
                    (
                        "Ordinary people in ordinary institutions can take part in grave abuses when dehumanization, obedience and conformity go unchecked",
                        True,
                    ),
                    (
                        "If an action is legal under national law, it cannot be a human rights violation",
                        False,
                    ),
                    ("Police forces have historically always resisted unlawful orders", False),
                ],
            },
            {
                "text": "Which leadership approach is most likely to make peer intervention a real practice in a department?",
                "kind": "single",
                "explanation": "Intervention becomes normal when it is required by policy, practised in realistic training, protected from retaliation and visibly valued by leaders. Relying on individual courage alone, or punishing interveners, teaches officers to stay silent.",
                "choices": [
                    (
                        "Relying on each officer's personal courage without policy or training",
                        False,
                    ),
                    (
                        "Disciplining officers who intervene with a senior colleague for breaking the chain of command",
                        False,
                    ),
                    (
                        "Requiring intervention in policy, training it with realistic scenarios, protecting interveners from retaliation and recognizing them",
                        True,
                    ),
                    ("Addressing intervention only after a lawsuit has been filed", False),
                ],
            },
        ],
    },
    "modules": [
        # ------------------------------------------------------------------ 1
        {
            "title": "Human Rights Foundations for Police Leaders",
            "summary": "Why civil and human rights sit at the core of the police mission, how the Universal Declaration of Human Rights and the US Constitution fit together, and what legal accountability means for supervisors and commanders.",
            "estimated_minutes": 240,
            "lessons": [
                {
                    "title": "Why human rights are a leadership responsibility",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## Rights are the mission, not an add-on

Ask officers what the job is and most will say: protect life, keep the peace, enforce the law. Each of those is a human rights task. Protecting life is the right to life and security of person. Keeping the peace protects the freedoms of movement, expression and assembly. Enforcing the law fairly is equality before the law. Human rights are not a foreign idea laid on top of American policing; they describe what good policing already promises.

The **Universal Declaration of Human Rights (UDHR)**, adopted by the United Nations General Assembly on 10 December 1948, begins with the statement that all human beings are born free and equal in dignity and rights. The United States voted for it, and Eleanor Roosevelt chaired the UN commission that drafted it. The **US Constitution**, especially the Bill of Rights and the Fourteenth Amendment, gives many of the same commitments the force of law.

### Why leaders carry special weight

Officers learn what really matters from what their supervisors notice, praise, ignore and punish. A policy on dignity means little if a sergeant laughs at a degrading remark in roll call. Leaders:

- **set expectations** in briefings, evaluations and promotions;
- **model behavior** in how they speak about the public and about their own officers;
- **build systems** (policy, training, supervision, review) that make rights-respecting conduct the normal way of working;
- **answer for outcomes**, legally and publicly, when those systems fail.

### Lawful is the floor, not the ceiling

Much of what erodes public trust is lawful but unnecessary: a search that was legal but humiliating, a lawful stop with no explanation, an arrest made with needless insults. Rights-based leadership asks two questions about every practice: *Is it lawful?* and *Does it respect the dignity of the person in front of us?*

### Scenario

A sergeant reviews body-worn camera footage of an arrest for an outstanding warrant. The arrest was lawful and no force was used. But the officer mocked the man's accent in front of his children, and left him handcuffed in a hot patrol car for forty minutes while finishing unrelated paperwork.

Consider:

1. Which of the man's rights and interests were affected, even though the arrest was lawful?
2. What should the sergeant say to the officer, and when?
3. What would the rest of the squad learn if the sergeant said nothing?

Throughout this course you will return to this distinction between what is merely permitted and what builds legitimacy.
""",
                },
                {
                    "title": "Reading: The Universal Declaration and the Bill of Rights side by side",
                    "kind": "reading",
                    "estimated_minutes": 35,
                    "source": "Universal Declaration of Human Rights (1948), Articles 1-3, 5, 7, 9-13, 19-20; United States Constitution, Amendments I, IV, V, VI, VIII and XIV",
                    "body": """## How to use this reading

Read Articles 1 to 13 and 19 to 20 of the Universal Declaration of Human Rights (UDHR) and the listed amendments to the US Constitution. Both texts are short and freely available from the United Nations and the National Archives. As you read, note where the two documents protect the same interest in different words.

### A working comparison

| Interest protected | UDHR | US Constitution |
|---|---|---|
| Equal dignity and non-discrimination | Articles 1, 2 and 7 | Fourteenth Amendment (equal protection) |
| Life, liberty and security of person | Article 3 | Fifth and Fourteenth Amendments (due process) |
| Freedom from torture and cruel or degrading treatment | Article 5 | Eighth Amendment; Fourth Amendment limits on force |
| Freedom from arbitrary arrest and detention | Article 9 | Fourth Amendment |
| Fair hearing and presumption of innocence | Articles 10 and 11 | Fifth and Sixth Amendments |
| Privacy and the home | Article 12 | Fourth Amendment |
| Freedom of movement | Article 13 | Recognized by US courts as a constitutional right |
| Expression, assembly and association | Articles 19 and 20 | First Amendment |

### Important differences

- **Legal force.** The UDHR is a declaration, not a treaty, and it is not directly enforced in US courts. The United States has, however, ratified treaties that build on it, including the International Covenant on Civil and Political Rights (1992) and the Convention against Torture (1994).
- **Who is protected.** Both texts speak of *persons*, not only citizens. Constitutional protections such as due process and freedom from unreasonable seizures apply to everyone within US jurisdiction, whatever their immigration status.
- **Whose conduct is limited.** The Bill of Rights originally limited only the federal government. The Fourteenth Amendment (1868) and later court decisions applied most of its protections to state and local governments, including every police department.

### Leadership lens

The Constitution tells you what courts will enforce. The UDHR tells you why those limits exist: because every person has inherent dignity. Leaders who understand the *why* can make good decisions in situations no policy anticipated.

### Questions for your reading notes

1. Which UDHR article do your officers engage most often in an ordinary shift?
2. Where does your department's policy manual already express a UDHR principle without naming it?
3. Article 2 forbids distinction of any kind, such as race, colour, sex, language, religion, political opinion or national origin. Which of these does your department collect data on, and what does that data show?

Bring your answers to this week's facilitated discussion.
""",
                },
                {
                    "title": "Color of law: accountability for supervisors and commanders",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## Acting under color of law

When officers use the authority of their badge, they act **under color of law**. Federal law treats the misuse of that authority seriously, and leaders need to understand the main tools.

### Key federal provisions

- **42 U.S.C. § 1983 (civil).** Allows a person to sue anyone who, under color of state law, deprived them of rights secured by the Constitution or federal law. Most excessive-force, false-arrest and unlawful-search lawsuits against local officers are brought under this statute.
- **18 U.S.C. § 242 (criminal).** Makes it a federal crime to willfully deprive a person of constitutional rights under color of law. It has been used to prosecute officers for excessive force, sexual misconduct and failure to intervene or provide medical aid.
- **Pattern-or-practice authority.** Since the Violent Crime Control and Law Enforcement Act of 1994, the US Department of Justice may bring civil actions against police departments that engage in a pattern or practice of violating rights. Many of these cases end in court-enforced consent decrees.

### Where leaders fit

Under Section 1983 a supervisor is not automatically liable simply because a subordinate violated someone's rights. Courts look at the supervisor's *own* conduct: directing the violation, knowing about it and acquiescing, or showing deliberate indifference. A city or county can be held liable when a violation is caused by its policy or custom, and the Supreme Court has recognized that a failure to train can amount to such a policy when it reflects deliberate indifference to people's rights (*City of Canton v. Harris*, 1989).

In plain terms: **what leaders know, tolerate and fail to fix becomes the organization's responsibility.**

### Practical habits

- Read use-of-force reports, complaints and stop data for patterns, not only individual incidents.
- Document the corrective action you take, including coaching and retraining.
- Make sure training is current, realistic and attended, and keep complete records of it.
- Never sign off on a report you have not read or that does not match the video.

### Scenario

Over three months, a lieutenant receives four complaints that one squad searches cars during minor traffic stops by claiming consent, but the drivers say they never agreed. Each complaint on its own is "not sustained." The squad's arrest numbers are the best in the district.

1. What pattern should the lieutenant notice?
2. What could she review to find out what is happening (video, search logs, consent forms)?
3. If she does nothing and a court later finds unconstitutional searches, what will her silence mean for the department?
""",
                },
            ],
            "knowledge_check": {
                "pass_mark": 70,
                "questions": [
                    {
                        "text": "Which article of the Universal Declaration of Human Rights states that all human beings are born free and equal in dignity and rights?",
                        "kind": "single",
                        "explanation": "Article 1 opens the Declaration with the principle of equal dignity and rights, which the rest of the text builds on.",
                        "choices": [
                            ("Article 1", True),
                            ("Article 9", False),
                            ("Article 19", False),
                            ("Article 30", False),
                        ],
                    },
                    {
                        "text": "The Fourteenth Amendment's guarantees of due process and equal protection apply to state and local governments, including municipal police departments.",
                        "kind": "true_false",
                        "explanation": "True. The Fourteenth Amendment, ratified in 1868, binds the states and their subdivisions, which include city and county police departments and sheriffs' offices.",
                        "choices": [("True", True), ("False", False)],
                    },
                    {
                        "text": "Which of the following are protected by the Bill of Rights? Select all that apply.",
                        "kind": "multiple",
                        "explanation": "The First Amendment protects speech and peaceful assembly, the Fourth protects against unreasonable searches and seizures, and the Fifth protects against compelled self-incrimination. The Bill of Rights does not guarantee anyone a government job.",
                        "choices": [
                            ("Freedom of speech and peaceful assembly", True),
                            ("Protection against unreasonable searches and seizures", True),
                            (
                                "The right not to be compelled to be a witness against oneself in a criminal case",
                                True,
                            ),
                            ("A guaranteed right to government employment", False),
                        ],
                    },
                ],
            },
            "reflection": "Think of a practice in your unit that is lawful but may not respect the dignity of the people it affects. Describe it, explain whose rights or interests are touched, and say what you as a leader could change about it in the next month.",
        },
        # ------------------------------------------------------------------ 2
        {
            "title": "Lessons of History: When Institutions Fail",
            "summary": "How ordinary institutions, police among them, took part in atrocities and in the enforcement of segregation, what the civil rights movement in Atlanta and Birmingham teaches, and which warning signs leaders can watch for today.",
            "estimated_minutes": 240,
            "lessons": [
                {
                    "title": "Ordinary people, ordinary institutions",
                    "kind": "video",
                    "estimated_minutes": 20,
                    "body": """## Viewing guide

This short video introduces one of the most uncomfortable findings of modern history: that grave abuses, including genocide, have been carried out not only by fanatics but by ordinary people working in ordinary institutions, among them police forces.

### Before you watch

Write down your honest answer to this question: *Could officers in a professional, well-run department ever take part in serious human rights abuses?* You will return to your answer after the video.

### Key ideas in the video

- **Police units took part in the Holocaust.** Historians have documented how German Order Police battalions, many of them made up of middle-aged reservists who were not committed Nazis, took part in the mass shooting of Jewish men, women and children in occupied Poland. Historian Christopher Browning's study of one such unit is titled *Ordinary Men*.
- **Most participated for ordinary reasons.** Conformity with the group, deference to authority, career concerns and not wanting to leave a dirty job to comrades mattered more than ideology. Some men did refuse, and historians have found no record that any of them were executed for it.
- **Dehumanization prepared the way.** Years of propaganda describing Jews as vermin or disease made violence seem acceptable. In Rwanda in 1994, radio broadcasts called Tutsi people "cockroaches" before and during the genocide, and local officials, soldiers and police helped organize the killing.
- **Law is not a sufficient safeguard.** The Nazi state made persecution legal, step by step, starting with discriminatory laws. Police who enforced those laws were acting lawfully under the law of their time.

### After you watch

1. Return to the answer you wrote before watching. Has it changed? Why?
2. Which of the pressures described in the video (conformity, obedience, career, dehumanization) exist in some form in any police organization?
3. What is the difference between a safeguard that depends on individual heroism and one built into the institution?

This history is not presented to suggest that American officers are like the perpetrators of genocide. It is presented because every institution with the power to use force needs to understand how that power has been misused, and how individuals and organizations can stop it.
""",
                    "captions_vtt": """WEBVTT

00:00:00.000 --> 00:00:08.000
When we think about atrocities, we often imagine monsters: fanatics who are nothing like us.

00:00:08.000 --> 00:00:17.000
History tells a harder story. Many people who carried out grave abuses were ordinary people working in ordinary institutions.

00:00:17.000 --> 00:00:28.000
During the Holocaust, German police battalions, many made up of middle-aged reservists, took part in the mass shooting of Jewish civilians in occupied Poland.

00:00:28.000 --> 00:00:38.000
Historians found that most were not driven by ideology. They went along with their unit, deferred to their commanders and did not want to stand apart from their comrades.

00:00:38.000 --> 00:00:47.000
Some refused. Historians have found no record that any of them were executed for refusing. The choice to say no was real.

00:00:47.000 --> 00:00:58.000
Dehumanizing language prepared the way. In Rwanda in 1994, radio broadcasts called Tutsi people cockroaches, and local officials and police helped organize the killing.

00:00:58.000 --> 00:01:08.000
And law alone did not protect people. Persecution was made legal step by step, and officers who enforced those laws were obeying the law of their time.

00:01:08.000 --> 00:01:18.000
The lesson for police leaders is not that officers are monsters. It is that safeguards must be built into institutions, because ordinary people follow the culture around them.
""",
                    "transcript": "When we think about atrocities, we often imagine monsters: fanatics who are nothing like us. History tells a harder story. Many people who carried out grave abuses were ordinary people working in ordinary institutions. During the Holocaust, German police battalions, many made up of middle-aged reservists, took part in the mass shooting of Jewish civilians in occupied Poland. Historians found that most were not driven by ideology. They went along with their unit, deferred to their commanders and did not want to stand apart from their comrades. Some refused. Historians have found no record that any of them were executed for refusing. The choice to say no was real. Dehumanizing language prepared the way. In Rwanda in 1994, radio broadcasts called Tutsi people cockroaches, and local officials and police helped organize the killing. And law alone did not protect people. Persecution was made legal step by step, and officers who enforced those laws were obeying the law of their time. The lesson for police leaders is not that officers are monsters. It is that safeguards must be built into institutions, because ordinary people follow the culture around them.",
                },
                {
                    "title": "Policing and the civil rights movement: Atlanta and Birmingham",
                    "kind": "text",
                    "estimated_minutes": 30,
                    "body": """## Enforcing the law of segregation

Across the South, segregation was written into law. State and city codes required separate schools, lunch counters, buses and waiting rooms. Police officers enforced those codes: they arrested people who sat at the "wrong" counter, broke up peaceful marches, and in many places stood aside while mobs attacked. American police history includes this chapter, and many Black communities remember it.

### Birmingham, 1961 and 1963

- In May 1961, when the Freedom Riders arrived at the Birmingham bus station to challenge segregated interstate travel, a mob attacked them while police were conspicuously absent. Investigations later showed that police had allowed the mob time to act before officers arrived.
- In May 1963, during the Birmingham campaign, thousands of children and young people marched for their rights. On the orders of Public Safety Commissioner Eugene "Bull" Connor, authorities used high-pressure fire hoses and police dogs against them and jailed hundreds.
- Images of those scenes were broadcast and printed across the nation and the world. They helped build public support for the **Civil Rights Act of 1964**, which outlawed discrimination in public accommodations, employment and federally funded programs.

### Atlanta

- In 1948 Atlanta hired its first Black police officers. For years they worked under restrictions their white colleagues did not face, including, for a time, not being allowed to arrest white people, and working out of a YMCA rather than police headquarters.
- In March 1960, students from the Atlanta University Center published *An Appeal for Human Rights* and began a campaign of sit-ins. Students, and in October 1960 Dr. Martin Luther King Jr., were arrested for sitting at segregated lunch counters, including at Rich's department store.
- Atlanta is now home to the National Center for Civil and Human Rights, our partner in this course, which connects the American civil rights movement to the worldwide struggle for human rights.

### What this history asks of leaders

The officers who arrested the Atlanta students were enforcing laws that were on the books. The movement's central argument was that a law that denies human dignity is unjust, and that people have the right to resist it peacefully. Courts and Congress eventually agreed.

Two lessons follow:

1. **Obeying the law is necessary but not sufficient.** Leaders must ask whether policies and practices respect equal dignity, not only whether they are authorized.
2. **Communities remember.** Many people's first reaction to a police officer is shaped by what their parents and grandparents lived through. Acknowledging that history honestly is a first step toward trust, not an admission of personal guilt.

### Discussion

How is the history of the civil rights movement taught, if at all, in your academy? What would change if every recruit visited a site like the National Center for Civil and Human Rights?
""",
                },
                {
                    "title": "From history to practice: warning signs inside an organization",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## Abuse rarely starts with violence

Researchers who study atrocities describe a progression. The Anti-Defamation League's *Pyramid of Hate* shows how biased attitudes, if they are tolerated, support acts of bias such as slurs and jokes, then discrimination, then bias-motivated violence, and at the top, genocide. The widely taught *stages of genocide* model developed by Gregory Stanton describes steps such as classification, symbolization, discrimination, dehumanization and polarization that come long before mass killing.

No police department in the United States is on the road to genocide. But the lower levels of these models describe behavior that can appear in any organization, and that leaders are in the best position to stop.

### Warning signs to watch for

- **Dehumanizing language** about groups of people: animal names, labels such as "animals," "savages" or "those people," in conversation, group chats or social media.
- **Us-versus-them framing** that treats a neighborhood or community as the enemy rather than as people to be protected.
- **Tolerance of small abuses**: unnecessary insults, rough handling after a person is controlled, "street justice," or selective enforcement against one group.
- **Reward systems that measure only numbers**: stops, arrests, citations, without regard to how they were obtained or their effect on trust.
- **Silence and loyalty codes** that treat reporting misconduct as betrayal.
- **Unquestioned orders**: a culture in which officers feel they cannot ask "why" of a supervisor.

### What leaders can do

1. **Name it early.** Address dehumanizing language the first time you hear it, privately if possible, but always.
2. **Change what you measure.** Add measures of quality (complaints, community feedback, use-of-force patterns) to measures of activity.
3. **Make it safe to question.** Tell officers, in writing and in person, that asking whether an order is lawful is part of professionalism.
4. **Audit informal spaces.** Group chats and social media are part of the work culture. Set and enforce clear rules.

### Scenario

A new officer shows you a message in the shift's group chat. A senior officer posted a photo of people waiting at a bus stop in a poor neighborhood with a caption comparing them to animals. Several officers "liked" it. No one objected.

1. What does the silence of the other officers tell you about the culture?
2. What is your immediate response, and what is your response over the next three months?
3. How do you protect the new officer who brought it to you?
""",
                },
            ],
            "knowledge_check": {
                "pass_mark": 70,
                "questions": [
                    {
                        "text": "During the Birmingham campaign in May 1963, what did city authorities under Public Safety Commissioner Eugene 'Bull' Connor use against young demonstrators?",
                        "kind": "single",
                        "explanation": "Authorities turned high-pressure fire hoses and police dogs on children and young marchers. The images drew national and international attention and built support for the Civil Rights Act of 1964.",
                        "choices": [
                            ("Mediation teams and negotiated routes", False),
                            ("High-pressure fire hoses and police dogs", True),
                            ("Federal troops sent by the President to protect the march", False),
                            ("Only verbal warnings", False),
                        ],
                    },
                    {
                        "text": "Historians have documented that members of ordinary German police units, most of whom were not committed Nazi ideologues, took part in mass shootings of Jewish civilians during the Holocaust.",
                        "kind": "true_false",
                        "explanation": "True. Studies of Order Police battalions show that many participants were ordinary, middle-aged reservists who took part because of conformity, obedience and group pressure, not primarily ideology.",
                        "choices": [("True", True), ("False", False)],
                    },
                    {
                        "text": "Which conditions helped institutions, including police, take part in atrocities and systematic abuses? Select all that apply.",
                        "kind": "multiple",
                        "explanation": "Dehumanizing language, unquestioning obedience and laws that legalized discrimination all helped make abuse possible. Independent oversight and protection for officers who refuse unlawful orders are safeguards against abuse, not causes of it.",
                        "choices": [
                            ("Dehumanizing language about a group of people", True),
                            ("Unquestioning obedience to authority", True),
                            ("Laws that made discrimination legal", True),
                            ("Strong, independent oversight of police conduct", False),
                            ("Protection for officers who refuse unlawful orders", False),
                        ],
                    },
                ],
            },
            "reflection": "Which warning sign from this module have you seen, even in a mild form, during your career, and how did the people around you respond? Describe one concrete step you will take as a leader to address that warning sign in your own unit.",
        },
        # ------------------------------------------------------------------ 3
        {
            "title": "The Duty to Intervene and Peer Intervention",
            "summary": "The legal and ethical duty to intervene, why good officers often stay silent, and how leaders build a culture in which stopping a colleague's mistake is expected, practised and protected.",
            "estimated_minutes": 240,
            "lessons": [
                {
                    "title": "The duty to intervene in law and policy",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## A duty, not an option

An officer who watches a colleague use clearly excessive force and does nothing has not stayed neutral. In law and in ethics, that officer has failed a duty.

### What the law says

- **Federal civil liability.** Federal courts have long recognized that an officer who is present, knows that another officer is violating a person's constitutional rights, and has a realistic opportunity to intervene, can be held liable under 42 U.S.C. § 1983 for failing to do so.
- **Federal criminal liability.** After George Floyd's death in Minneapolis in 2020, officers who did not themselves apply the fatal restraint were convicted of federal civil rights crimes under 18 U.S.C. § 242 for failing to intervene or failing to provide medical aid.
- **State law and policy.** Since 2020 many states have written a duty to intervene and a duty to report into statute, and a large number of departments have added it to their use-of-force policies. Check the exact wording of your state law and your own policy.
- **International standards.** The UN Code of Conduct for Law Enforcement Officials (1979) requires officials to prevent and oppose violations of the Code and to report them. The UN Basic Principles on the Use of Force and Firearms (1990) hold superiors responsible when they knew or should have known of unlawful force and did not act.

### What a strong policy contains

1. **A clear duty** to intervene, verbally or physically, when an officer observes force that is clearly beyond what is objectively reasonable, or any other clear violation of a person's rights.
2. **A duty to render or request medical aid** for anyone injured or in medical distress.
3. **A duty to report** the incident to a supervisor promptly, in writing.
4. **An explicit statement that rank is no exception**: the duty applies when the person acting is a supervisor.
5. **Protection from retaliation** for officers who intervene or report in good faith, and discipline for anyone who retaliates.

### Intervention is usually small

Most intervention does not involve physically pulling a colleague away. It looks like a quiet word before a situation escalates, a hand on the shoulder, taking over the conversation with a distressed person, or saying "I've got this, take a break." Leaders should teach and praise these small, early interventions because they prevent the large ones from ever being needed.

### Scenario

During an arrest, a suspect is handcuffed and prone. A senior officer keeps a knee on the man's back, although he has stopped resisting and says he cannot breathe. A probationary officer is holding the man's legs.

1. What does your policy require the probationary officer to do?
2. What makes it hard for her to act?
3. What have you done, as a leader, to make it easier?
""",
                },
                {
                    "title": "Why good officers stay silent, and how leaders change that",
                    "kind": "text",
                    "estimated_minutes": 30,
                    "body": """## The psychology of the bystander

Most officers who fail to intervene are not bad people. They are ordinary people under powerful social pressures that psychologists have studied for decades.

- **Diffusion of responsibility.** The more people present, the less each one feels personally responsible. On a scene with six officers, everyone may assume someone else will speak up.
- **Pluralistic ignorance.** Each bystander looks at the others, sees no reaction, and concludes that nothing is wrong, while privately feeling uneasy.
- **Deference to rank and experience.** Obedience studies, such as Stanley Milgram's experiments in the 1960s, showed how strongly people follow the instructions of an authority figure, even against their conscience. In policing, the person going too far is often senior.
- **Loyalty and fear of exclusion.** Officers depend on one another for safety. Speaking up can feel like risking backup, assignments and friendships.
- **Speed and stress.** Critical incidents unfold in seconds, and stress narrows attention.

### Active bystandership can be taught

Programs such as *Ethical Policing Is Courageous* (EPIC), developed in New Orleans, and the *Active Bystandership for Law Enforcement* (ABLE) Project at Georgetown University Law Center teach officers to intervene early and effectively. Common elements include:

1. **Permission in advance.** Officers agree as a group, before any incident, that they want to be stopped if they are about to make a mistake, and that they will not hold it against the person who stops them.
2. **Simple, practised language.** Short, respectful phrases that can be used under stress: "Hey, I've got this." "Let's step back." "He's cuffed, ease off." Some agencies use an agreed code word.
3. **Scenario training.** Repeated practice, including scenarios in which the person going too far is a supervisor.
4. **After-action support.** Debriefing the intervention and supporting both officers, not only the one who intervened.

### The leader's part

Officers will believe the program is real only if leaders:

- say, publicly and repeatedly, that they want to be stopped themselves if they are about to make a mistake;
- recognize interventions in evaluations and awards;
- deal swiftly with anyone who retaliates, ostracizes or threatens an intervener;
- treat an intervention as a success story, not as an embarrassment to be hidden.

### Discussion

Think of the last time an officer in your command stopped a colleague from making a mistake. Did anyone above them ever learn about it? If not, what does that tell you about how intervention is valued?
""",
                },
                {
                    "title": "Reading: international standards on reporting and superior responsibility",
                    "kind": "reading",
                    "estimated_minutes": 30,
                    "source": "UN Code of Conduct for Law Enforcement Officials (General Assembly resolution 34/169, 1979), Articles 1-3, 5 and 8; UN Basic Principles on the Use of Force and Firearms by Law Enforcement Officials (1990), Principles 4, 5, 9 and 24-26",
                    "body": """## About these documents

The **UN Code of Conduct for Law Enforcement Officials** was adopted by the UN General Assembly in 1979. It has eight short articles and an official commentary. The **UN Basic Principles on the Use of Force and Firearms by Law Enforcement Officials** were adopted in 1990 by the Eighth UN Congress on the Prevention of Crime and the Treatment of Offenders. Both are freely available from the Office of the UN High Commissioner for Human Rights (OHCHR). They are not US law, but they set out internationally accepted standards, and many of their ideas appear in American court decisions and department policies.

### What to read

From the Code of Conduct:

- **Article 1**: officers fulfil the duty imposed on them by law, by serving the community and protecting all persons against illegal acts.
- **Article 2**: officers respect and protect human dignity and maintain and uphold the human rights of all persons.
- **Article 3**: officers may use force only when strictly necessary and to the extent required for the performance of their duty.
- **Article 5**: no officer may inflict, instigate or tolerate torture or cruel, inhuman or degrading treatment, and superior orders are no justification.
- **Article 8**: officers respect the law and the Code, prevent and oppose violations, and report violations that have occurred or are about to occur.

From the Basic Principles:

- **Principle 4**: apply non-violent means as far as possible before resorting to force.
- **Principle 5**: when force is unavoidable, exercise restraint, act in proportion to the seriousness of the offence, minimize injury, and ensure medical aid is given as soon as possible.
- **Principle 9**: firearms are not to be used except against an imminent threat of death or serious injury, and intentional lethal use only when strictly unavoidable to protect life.
- **Principles 24 to 26**: superiors are responsible if they knew or should have known of unlawful force and did not take all measures in their power to prevent, suppress or report it; no officer may be punished for refusing an unlawful order to use force or for reporting such force by others; and obedience to superior orders is no defence when the order was manifestly unlawful and the officer had a reasonable opportunity to refuse it.

### Reading questions

1. Compare Article 3 of the Code and Principle 5 with your department's use-of-force policy. Where is your policy stronger, and where is it weaker?
2. Principle 25 protects officers who refuse or report. What in your department's policy protects them, and how would an officer know that?
3. Principle 24 speaks of what superiors *knew or should have known*. What information systems do you rely on to know what is happening in your command?

Post your answer to one of these questions in the discussion forum and respond to one colleague.
""",
                },
            ],
            "knowledge_check": {
                "pass_mark": 70,
                "questions": [
                    {
                        "text": "Article 8 of the UN Code of Conduct for Law Enforcement Officials calls on officers who have reason to believe a violation of the Code has occurred or is about to occur to report the matter to their superiors and, where necessary, to other appropriate authorities.",
                        "kind": "true_false",
                        "explanation": "True. Article 8 asks officers to prevent and oppose violations and to report them to superior authorities and, where necessary, to other authorities with reviewing or remedial power.",
                        "choices": [("True", True), ("False", False)],
                    },
                    {
                        "text": "What does 'diffusion of responsibility' mean in the context of peer intervention?",
                        "kind": "single",
                        "explanation": "Diffusion of responsibility is the tendency for each person to feel less personally responsible for acting when more people are present, because each assumes someone else will act.",
                        "choices": [
                            ("Spreading use-of-force decisions evenly across a team", False),
                            (
                                "The tendency of each person to feel less responsible for acting when more people are present",
                                True,
                            ),
                            (
                                "A policy that assigns the duty to intervene only to supervisors",
                                False,
                            ),
                            ("Sharing liability for a lawsuit among all officers on scene", False),
                        ],
                    },
                    {
                        "text": "Which of the following should a leader build into a peer intervention program? Select all that apply.",
                        "kind": "multiple",
                        "explanation": "Effective programs combine repeated scenario practice, explicit protection from retaliation, and clear policy that the duty applies regardless of rank. Waiting for a supervisor or limiting intervention to senior officers defeats the purpose.",
                        "choices": [
                            (
                                "Repeated, realistic scenario practice, including scenarios involving supervisors",
                                True,
                            ),
                            (
                                "Explicit protection from retaliation for officers who intervene or report",
                                True,
                            ),
                            (
                                "Policy language stating that the duty to intervene applies regardless of rank",
                                True,
                            ),
                            (
                                "A rule that officers must wait for a supervisor to arrive before speaking up",
                                False,
                            ),
                            (
                                "Limiting intervention to officers of equal or higher rank than the person using force",
                                False,
                            ),
                        ],
                    },
                ],
            },
            "reflection": "Describe a moment in your career when you or someone near you should have intervened, or did intervene. What made it hard or easy? As a leader, what is one specific change you will make so that officers in your command feel both obliged and safe to intervene?",
        },
        # ------------------------------------------------------------------ 4
        {
            "title": "Leading Culture Change and Legitimacy",
            "summary": "Procedural justice and police legitimacy, the guardian mindset, and why the way leaders treat their own officers shapes the way officers treat the public.",
            "estimated_minutes": 240,
            "lessons": [
                {
                    "title": "Procedural justice and police legitimacy",
                    "kind": "text",
                    "estimated_minutes": 30,
                    "body": """## Why people cooperate with police

Police depend on the public: to report crimes, to serve as witnesses, to follow lawful directions and to comply with the law when no officer is watching. Research on compliance has found that people cooperate with police less because they fear punishment and more because they see the police as **legitimate**, that is, as an authority that has the right to exercise power and deserves to be trusted and obeyed.

A central finding of this research is that people judge legitimacy largely by **how** they are treated, not only by the outcome. A driver who gets a ticket but is treated fairly may leave with more trust than a driver who is let go after being treated with contempt.

### The four elements of procedural justice

1. **Voice.** People have a chance to tell their side before a decision is made, and they can see that the officer listened.
2. **Neutrality.** Decisions are based on facts and rules, applied consistently, and the reasons are explained.
3. **Respect.** People are treated with dignity and courtesy, and their rights are acknowledged.
4. **Trustworthy motives.** The officer shows genuine concern for the person's welfare and explains how the action serves safety.

### What it looks like on the street

- Introducing yourself and explaining the reason for a stop early.
- Letting a person finish before responding, and summarizing what you heard.
- Explaining what will happen next and what options the person has.
- Addressing people by name or title, not by slang or insults.
- Ending contacts, where safe, with a brief explanation or thanks.

These behaviors take seconds. They are also officer-safety tools: a person who feels heard is less likely to escalate.

### Procedural justice is not softness

Procedural justice does not mean avoiding enforcement or giving up authority. An officer can make an arrest, and use lawful force when it is necessary, while still treating the person with respect, explaining what is happening and listening. Legitimacy is built or lost in exactly those moments.

### Scenario

A patrol team is deployed to a park after repeated complaints about noise and drinking. Young people in the park say officers arrive, order everyone out, and never explain why. Complaints about "harassment" rise, and the calls continue.

1. Which elements of procedural justice are missing?
2. How could the same deployment be carried out in a way that builds legitimacy?
3. How would you know, three months later, whether it worked?
""",
                },
                {
                    "title": "Reading: building trust and legitimacy from the inside out",
                    "kind": "reading",
                    "estimated_minutes": 40,
                    "source": "Final Report of the President's Task Force on 21st Century Policing (2015), Pillar One: Building Trust and Legitimacy",
                    "body": """## About the report

The President's Task Force on 21st Century Policing was created by executive order in December 2014. Its members included police leaders, civil rights advocates, academics and young community members, and it heard testimony from people across the country. Its final report, published in May 2015 by the US Department of Justice's Office of Community Oriented Policing Services (COPS Office), is organized around six pillars:

1. Building Trust and Legitimacy
2. Policy and Oversight
3. Technology and Social Media
4. Community Policing and Crime Reduction
5. Training and Education
6. Officer Wellness and Safety

This week, read **Pillar One: Building Trust and Legitimacy**, including its recommendations and action items.

### Themes to look for

- **Guardian, not warrior.** The report recommends that police culture embrace a guardian mindset, oriented to protecting people and their rights, rather than a warrior mindset that treats the public as adversaries.
- **Procedural justice.** The report recommends that agencies adopt procedural justice as a guiding principle for policies and practices, both in how officers treat the public and in how agencies treat their officers.
- **Acknowledging history.** The report discusses the role of policing in past and present injustice and encourages agencies to acknowledge it as part of building trust.
- **Transparency.** The report calls for agencies to make data on stops, use of force and related matters available to the public.
- **Workforce.** The report encourages agencies to build a workforce that reflects the diversity of the community.

### Internal procedural justice

A theme leaders often overlook is that officers judge their own organization in the same way the public judges the police. Officers who experience voice, neutrality, respect and trustworthy motives from their supervisors (in assignments, discipline and promotion) are more likely to trust their leadership and more likely to treat the public the same way. Officers who feel that internal decisions are arbitrary tend to distrust policy and to cynically "work around" it.

### Reading questions

1. Choose two Pillar One action items. Has your agency implemented them? What evidence could you show someone from outside?
2. Where in your agency's internal processes (discipline, transfers, promotions) would officers say they lack voice or neutrality?
3. Write one sentence you could use at roll call to explain the guardian mindset without sounding like a slogan.

Share your sentence with your cohort in the discussion forum.
""",
                },
            ],
            "knowledge_check": {
                "pass_mark": 70,
                "questions": [
                    {
                        "text": "In research on policing, what does 'legitimacy' mean?",
                        "kind": "single",
                        "explanation": "Legitimacy is the public's belief that the police have the rightful authority to exercise power and that they deserve to be trusted and obeyed. People who see police as legitimate are more willing to cooperate voluntarily.",
                        "choices": [
                            ("The number of arrests that lead to convictions", False),
                            (
                                "The public's belief that police rightfully hold authority and deserve trust and cooperation",
                                True,
                            ),
                            ("The legal authority granted by a state certification board", False),
                            ("An officer's years of service", False),
                        ],
                    },
                    {
                        "text": "How supervisors treat their own officers (internal procedural justice) has no connection to how officers treat members of the public.",
                        "kind": "true_false",
                        "explanation": "False. Officers who experience fair, respectful and transparent treatment inside their agency are more likely to trust leadership and to treat the public the same way. Internal and external procedural justice are connected.",
                        "choices": [("True", False), ("False", True)],
                    },
                    {
                        "text": "Which of the following are examples of procedurally just behavior during a traffic stop? Select all that apply.",
                        "kind": "multiple",
                        "explanation": "Explaining the reason for the stop, letting the driver speak and explaining what happens next reflect neutrality, voice and respect. Refusing to explain a stop or calling the driver names undermines legitimacy.",
                        "choices": [
                            ("Explaining the reason for the stop early in the contact", True),
                            ("Letting the driver explain their side before deciding", True),
                            ("Explaining what will happen next and the driver's options", True),
                            ("Refusing to say why the driver was stopped to keep control", False),
                            ("Using insulting nicknames to show authority", False),
                        ],
                    },
                ],
            },
            "reflection": "Think about one decision you made about your own officers in the past year (an assignment, a disciplinary matter or a promotion recommendation). Using the four elements of procedural justice, assess how fair that process felt to them, and describe what you would do differently.",
        },
        # ------------------------------------------------------------------ 5
        {
            "title": "Community Trust and Accountability",
            "summary": "Understanding why trust is low in some communities, working with communities as partners, and building accountability systems (complaints, early intervention, transparency) that earn trust over time.",
            "estimated_minutes": 240,
            "lessons": [
                {
                    "title": "Trust, history and the communities you serve",
                    "kind": "text",
                    "estimated_minutes": 30,
                    "body": """## Trust is local and historical

Trust in police is not the same everywhere. It differs between neighborhoods, generations and groups, and it is shaped by personal experience, by what people hear from family and friends, and by history. A family whose grandparents were arrested at a lunch counter, or whose relatives fled police abuse in another country, will meet a police officer with different expectations from a family that has only ever called police for help.

### Communities that may need particular attention

- **Black communities and other communities of color**, given the history of segregation enforcement and continuing concerns about stops, searches and force.
- **Immigrant communities**, where fear of immigration consequences may keep victims and witnesses from calling police. Language barriers add to the risk.
- **People with limited English proficiency.** Title VI of the Civil Rights Act of 1964 prohibits discrimination based on national origin by recipients of federal funds, and federal guidance interprets this to require meaningful language access, such as qualified interpreters and translated key documents.
- **People with disabilities and people in mental health crisis.** Title II of the Americans with Disabilities Act applies to state and local government services, including policing.
- **Young people**, whose early contacts with police shape their views for life.
- **LGBTQ+ people, people experiencing homelessness, and religious minorities**, who may have experienced harassment or neglect.

### From outreach to partnership

Many departments hold community meetings that are mostly the police talking. Partnership is different:

1. **Listen first.** Hold listening sessions where community members set the agenda and police leaders mainly listen and take notes.
2. **Acknowledge harm.** Where the department or policing generally has caused harm, say so plainly. Acknowledgment is not a confession of personal guilt; it signals that you understand why trust is low.
3. **Share decisions.** Involve community members in reviewing policies that affect them, such as use of force, stops, crowd management and language access.
4. **Report back.** Tell people what you did with what they told you, including what you decided not to do and why.
5. **Be consistent.** Trust grows from repeated, predictable behavior by the same people over time, not from one event.

### Scenario

A Spanish-speaking woman tells a community liaison that she did not report a burglary because the last time she called, the responding officer asked her child to interpret and then asked about her immigration status.

1. Which rights and obligations are involved?
2. What should change in policy, training and supervision?
3. How would you let her community know that something has changed?
""",
                },
                {
                    "title": "Accountability systems that earn trust",
                    "kind": "text",
                    "estimated_minutes": 30,
                    "body": """## Accountability is a system, not an event

Communities judge police accountability by what happens after something goes wrong. Officers judge it by whether the process is fair. A good accountability system serves both: it finds and corrects problems early, treats complainants and officers with respect, and is open enough that the public can see it working.

### Building blocks

- **Accessible complaints.** People can file complaints online, by phone, in person at any station and in the main languages of the community, anonymously if necessary, without being discouraged or threatened. Every complaint is logged.
- **Timely, thorough investigations.** Investigations follow written standards, review video and evidence, interview all witnesses, and are completed within set time limits. Complainants are told the outcome.
- **Early intervention systems.** Data on complaints, uses of force, pursuits, sick leave and other indicators are reviewed to identify officers who may need support, training or supervision before a serious incident occurs. The purpose is early help, not punishment.
- **Use-of-force review.** Every reportable use of force is reviewed by the chain of command for policy, tactics, training and equipment lessons, not only for whether it was legal.
- **Body-worn camera policy.** Clear rules on when cameras are on, how footage is retained and reviewed, and when it is released to the public.
- **Data transparency.** Regular public reporting on stops, searches, use of force and complaints, broken down by demographic group.
- **External oversight.** Civilian review boards, inspectors general or auditors, with real access to information.

### After a critical incident

How leaders behave in the first days after a serious use of force shapes trust for years. Good practice includes releasing accurate information promptly as the law and the investigation allow, explaining the review process and its timeline, meeting with community leaders and the affected family where appropriate, and avoiding statements that prejudge the outcome, whether by condemning or by defending the officers before the facts are known.

### Records matter

Training and accountability records are regularly requested in court and in public records requests. Complete, accurate and tamper-evident records protect the public, protect officers who did the right thing and protect the department.

### Discussion

If a resident of your city wanted to know how many complaints about force your department received last year and what happened to them, how long would it take them to find out? What does that say about your accountability system?
""",
                },
            ],
            "knowledge_check": {
                "pass_mark": 70,
                "questions": [
                    {
                        "text": "What is the primary purpose of an early intervention system in a police department?",
                        "kind": "single",
                        "explanation": "Early intervention systems use indicators such as complaints and uses of force to identify officers who may need support, training or supervision before a serious incident happens. Their purpose is prevention, not punishment.",
                        "choices": [
                            (
                                "To identify officers who may need support, training or supervision before a serious incident occurs",
                                True,
                            ),
                            ("To rank officers by arrest numbers for promotion", False),
                            ("To discourage members of the public from filing complaints", False),
                            ("To replace internal affairs investigations", False),
                        ],
                    },
                    {
                        "text": "Title VI of the Civil Rights Act of 1964 prohibits discrimination on the basis of race, color or national origin in programs and activities that receive federal financial assistance.",
                        "kind": "true_false",
                        "explanation": "True. Title VI applies to recipients of federal funds, which includes most police departments, and federal guidance interprets its national-origin protection to require meaningful language access for people with limited English proficiency.",
                        "choices": [("True", True), ("False", False)],
                    },
                    {
                        "text": "Which of the following help build community trust after a critical incident? Select all that apply.",
                        "kind": "multiple",
                        "explanation": "Prompt, accurate information, a clearly explained review process and direct engagement with community leaders build trust. Indefinite silence and attacks on witnesses destroy it.",
                        "choices": [
                            (
                                "Releasing accurate information promptly, as the law and the investigation allow",
                                True,
                            ),
                            ("Explaining the review process and its expected timeline", True),
                            (
                                "Meeting with community leaders and, where appropriate, the affected family",
                                True,
                            ),
                            ("Refusing all comment indefinitely", False),
                            ("Publicly attacking the credibility of civilian witnesses", False),
                        ],
                    },
                ],
            },
            "reflection": "Identify one community in your jurisdiction whose trust in police is lowest. What do you know about why? Describe one concrete step, within your authority, that would let that community see accountability working over the next six months.",
        },
        # ------------------------------------------------------------------ 6
        {
            "title": "Sustaining a Human-Rights Culture",
            "summary": "Making change last after the course ends: writing rights into policy, reinforcing them through training and supervision, and measuring what matters.",
            "estimated_minutes": 240,
            "lessons": [
                {
                    "title": "Writing rights into policy",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## Policy is where values become instructions

A department can say it values human rights, but officers work from policy, orders and the expectations of supervisors. If rights are not written into those documents, they will not reliably shape behavior.

### Principles for rights-based policy

1. **State the purpose.** Open key policies (use of force, stops and searches, crowd management, custody, language access) with a statement that the department's purpose is to protect life and to respect the rights and dignity of every person.
2. **Make sanctity of life explicit.** Use-of-force policies should require officers to use force only when necessary, to use the least amount of force reasonably needed, to de-escalate when it is safe and feasible, and to stop using force when the need ends.
3. **Require intervention, medical aid and reporting.** As covered in Module 3.
4. **Prohibit bias explicitly.** Forbid relying on race, ethnicity, national origin, religion, sex, gender identity, sexual orientation, disability or other protected characteristics in making enforcement decisions, except as part of a specific suspect description.
5. **Protect expression and assembly.** Crowd-management policies should recognize the right to peaceful protest, including protest against police, and limit the use of force and dispersal orders accordingly.
6. **Write for the reader.** Use plain language and examples, so that an officer can apply the policy in seconds.

### The policy development process

- **Involve officers.** Officers who help write a policy understand it and see its purpose.
- **Involve the community.** Publish draft policies for comment, and meet with groups most affected.
- **Check against standards.** Compare drafts with the US Constitution, state law, court decisions and international standards such as the UN Basic Principles on the Use of Force and Firearms.
- **Train before you implement.** A policy no one has been trained on is a liability, not a protection.
- **Review regularly.** Set a review date, and review sooner after a serious incident, a court decision or a change in law.

### Scenario

Your department's crowd-management policy was written fifteen years ago. It allows dispersal of any "unlawful assembly" with chemical agents but says nothing about the right to protest, about warnings, or about protecting journalists and legal observers.

1. What would you add to the policy?
2. Who would you involve in revising it?
3. How would you train officers on the new version before the next large demonstration?
""",
                },
                {
                    "title": "Training, supervision and reinforcement",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## Training alone does not change culture

Officers often describe online in-service training as "busy work" to be clicked through. A single course, however good, fades quickly if what officers see on the street and in the station tells them something different. Training changes behavior when it is realistic, repeated and reinforced by supervisors.

### Make training real

- **Use scenarios, not only slides.** Practice de-escalation, intervention and procedurally just communication in realistic scenarios, including ones where a supervisor is the one going too far.
- **Connect to local history and data.** Include the history of your own community and your own department's data on stops, complaints and force.
- **Bring in community voices.** Invite community members, including people who have had difficult experiences with police, to speak with recruits and officers.
- **Teach the why.** Explain the legal and moral reasons behind each rule; officers who understand the purpose make better decisions in situations the rule did not anticipate.
- **Train trainers.** Field training officers and academy instructors shape new officers more than any course. Make sure they model the values the course teaches.

### Reinforce through supervision

Supervisors are where training meets reality. Effective reinforcement includes:

1. **Roll-call reminders** that connect a concept to a recent real call.
2. **Video review** of body-worn camera footage, highlighting good examples of de-escalation and respect, not only problems.
3. **Coaching conversations** after calls, asking "What went well? What would you do differently?"
4. **Evaluations and promotions** that reward de-escalation, community problem-solving and intervention, not only activity numbers.
5. **Consistent correction** when officers fall short, starting with coaching and escalating when needed.

### The Training-of-Trainers model

REPAIR offers a Training-of-Trainers track so that departments can deliver this material themselves. Internal trainers who are respected by their peers, who have taken the course and who can connect it to local realities are one of the strongest ways to sustain change.

### Discussion

Think of the best training you received in your career, the one that actually changed how you work. What made it different? How could you bring those qualities to the way your command reinforces this course?
""",
                },
                {
                    "title": "Measuring what matters",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## What gets measured gets managed

If a department measures only arrests, citations and response times, officers will reasonably conclude that those are what matter. A human-rights culture needs measures of quality and trust alongside measures of activity.

### Completion is not change

Training completion rates tell you who finished a course. They do not tell you whether anything changed on the street. Leaders should track completion, but should never treat it as proof of impact.

### A balanced set of measures

Consider combining:

- **Use of force**: the rate of force per arrest or per contact, the types of force used, injuries to subjects and officers, and how often de-escalation was documented.
- **Complaints**: the number and type of complaints, how long investigations take, and outcomes, with attention to repeat patterns.
- **Stops and searches**: who is stopped and searched, and how often searches find contraband, broken down by demographic group. Large differences deserve careful study.
- **Interventions**: documented peer interventions and how they were handled.
- **Community perception**: regular surveys of residents, including people who have had recent contact with police, asking whether they were treated fairly and respectfully.
- **Officer perception**: internal surveys on fairness, wellness and whether officers feel safe to report misconduct.
- **Learning outcomes**: pre- and post-test results, quality of written reflections, and supervisor observations of skills in the field.

### Use measures carefully

- **Look at trends, not single numbers.** A rise in complaints after a new complaint system opens may mean people finally trust the system.
- **Beware of targets that distort behavior.** Setting a target to reduce reported force can lead to under-reporting rather than less force.
- **Share results.** Publish key measures to officers and the public, with explanations.
- **Protect privacy.** Report aggregates to partners and the public; protect individual officers' and residents' personal data.

### Scenario

Six months after all officers completed REPAIR training, a city council member asks you whether it "worked." Completion is 100 percent. Complaints are up slightly, force incidents are down slightly, and you have no survey data.

1. What can you honestly say today?
2. What will you start measuring tomorrow so that you can answer better in a year?
3. How will you explain the rise in complaints?

### Closing the course

Human rights culture is not a project with an end date. It is the daily work of leaders who notice, praise, correct and measure, week after week.
""",
                },
            ],
            "knowledge_check": {
                "pass_mark": 70,
                "questions": [
                    {
                        "text": "Which of the following is the best evidence that human rights training has changed practice in the field?",
                        "kind": "single",
                        "explanation": "Change in practice is shown by field outcomes tracked over time, such as use of force, complaints, stop data and community survey results. Completion rates and attendance show only that training occurred.",
                        "choices": [
                            ("A 100 percent course completion rate", False),
                            (
                                "Trends over time in field outcomes such as force, complaints, stop data and community surveys",
                                True,
                            ),
                            ("The number of hours officers spent logged in to the course", False),
                            ("A signed attendance sheet", False),
                        ],
                    },
                    {
                        "text": "Which practices make a rights-based policy more likely to change behavior? Select all that apply.",
                        "kind": "multiple",
                        "explanation": "Policies change behavior when they are clear, trained before implementation, reinforced by supervisors and reviewed with input from officers and the community. Keeping a policy from officers defeats its purpose.",
                        "choices": [
                            ("Writing it in plain language with examples", True),
                            ("Training officers on it before it takes effect", True),
                            (
                                "Reviewing it regularly with input from officers and the community",
                                True,
                            ),
                            ("Keeping the policy confidential from line officers", False),
                        ],
                    },
                    {
                        "text": "Training completion rates alone are sufficient proof that officers' behavior in the field has changed.",
                        "kind": "true_false",
                        "explanation": "False. Completion shows that officers finished the training, not that their conduct changed. Leaders should pair completion data with measures of field outcomes and community and officer perception.",
                        "choices": [("True", False), ("False", True)],
                    },
                ],
            },
            "reflection": "Draft a one-page plan for sustaining what your command has learned in this course over the next year: one policy you will revise, one way supervisors will reinforce the training, and two measures you will track. Explain why you chose them.",
        },
    ],
}


OFFICER_EN = {
    "slug": "repair-officer",
    "title": "REPAIR for Officers: Human Rights in Everyday Policing",
    "language": "en",
    "translation_group": "officer",
    "thematic_area": "Human rights in daily policing",
    "credit_hours": 8,
    "summary": "An eight-hour course for patrol officers and civilian staff on protecting human dignity and civil rights in everyday police work. Officers examine how bias and dehumanizing language can lead to serious harm, practise de-escalation and the duty to intervene, and learn how to uphold the rights of everyone in the community.",
    "paced": False,
    "pre_post_test": {
        "pass_mark": 70,
        "questions": [
            {
                "text": "Which document, adopted by the United Nations General Assembly in 1948, begins by stating that all human beings are born free and equal in dignity and rights?",
                "kind": "single",
                "explanation": "Article 1 of the Universal Declaration of Human Rights (1948) states that all human beings are born free and equal in dignity and rights.",
                "choices": [
                    ("The Universal Declaration of Human Rights", True),
                    ("The Civil Rights Act of 1964", False),
                    ("The Emancipation Proclamation", False),
                    ("The US Declaration of Independence", False),
                ],
            },
            {
                "text": "The Fourth Amendment to the US Constitution protects people against unreasonable searches and seizures.",
                "kind": "true_false",
                "explanation": "True. The Fourth Amendment protects the right of the people to be secure in their persons, houses, papers and effects against unreasonable searches and seizures. It governs stops, arrests, searches and the use of force during a seizure.",
                "choices": [("True", True), ("False", False)],
            },
            {
                "text": "Which of the following are examples of dehumanizing language? Select all that apply.",
                "kind": "multiple",
                "explanation": "Calling people animals or vermin, or describing a group as a disease, denies their humanity and makes mistreatment easier. Using a person's name or a neutral description is respectful and professional.",
                "choices": [
                    ("Calling people in a neighborhood 'animals'", True),
                    ("Describing a group of people as 'vermin' or a 'disease'", True),
                    ("Addressing a person by their name", False),
                    ("Referring to someone as 'the driver of the vehicle'", False),
                ],
            },
            {
                "text": "Under Graham v. Connor (1989), which of the following is one of the factors courts consider when deciding whether force was objectively reasonable?",
                "kind": "single",
                "explanation": "Graham v. Connor lists the severity of the crime, whether the suspect poses an immediate threat to the safety of officers or others, and whether the suspect is actively resisting or attempting to evade arrest by flight. The officer's feelings, the neighborhood or fatigue are not factors.",
                "choices": [
                    (
                        "Whether the person poses an immediate threat to the safety of officers or others",
                        True,
                    ),
                    ("The officer's personal feelings about the person", False),
                    ("The neighborhood where the person lives", False),
                    ("Whether the officer was near the end of a shift", False),
                ],
            },
            {
                "text": "The duty to intervene applies only when the officer using excessive force is of equal or lower rank than the officer who sees it.",
                "kind": "true_false",
                "explanation": "False. The duty to intervene applies regardless of rank. It is often hardest to act when the person going too far is senior, which is why policies and training state this explicitly.",
                "choices": [("True", False), ("False", True)],
            },
            {
                "text": "Which of the following are de-escalation techniques? Select all that apply.",
                "kind": "multiple",
                "explanation": "Creating time and distance, using cover, having one officer communicate, and speaking calmly with simple instructions all reduce the risk of force. Shouting conflicting commands and closing distance by default tend to escalate.",
                "choices": [
                    ("Creating time and distance when it is safe to do so", True),
                    ("Having one officer do the talking", True),
                    ("Using a calm voice and simple, clear instructions", True),
                    ("Having several officers shout different commands at once", False),
                    ("Always closing distance immediately, whatever the situation", False),
                ],
            },
            {
                "text": "What is the main lesson of models such as the Pyramid of Hate?",
                "kind": "single",
                "explanation": "The Pyramid of Hate shows how biased attitudes and acts, when they are tolerated, make discrimination and violence more likely. Stopping bias at the lower levels prevents harm at the higher levels.",
                "choices": [
                    ("Jokes and slurs are harmless because they never lead to action", False),
                    (
                        "Biased attitudes and acts that go unchallenged make discrimination and violence more likely",
                        True,
                    ),
                    ("Only people at the top of an organization can prevent hate", False),
                    ("Hate crimes can only happen in other countries", False),
                ],
            },
            {
                "text": "A woman who speaks limited English wants to report a crime. Her ten-year-old son speaks English well. What is the best practice?",
                "kind": "single",
                "explanation": "Use a qualified interpreter, in person or through a telephone or video language line. Children should not be used as interpreters: they may mistranslate, be exposed to traumatic details, or be placed in conflict with family members, and the report may be unreliable.",
                "choices": [
                    ("Ask her son to interpret, since it is faster", False),
                    ("Use a qualified interpreter or a telephone or video language line", True),
                    ("Ask her to come back when she can bring an adult who speaks English", False),
                    ("Take the report in English and ask her to sign it", False),
                ],
            },
        ],
    },
    "modules": [
        # ------------------------------------------------------------------ 1
        {
            "title": "Human Dignity and Rights in Daily Policing",
            "summary": "Why every police contact engages human rights, the constitutional and international foundations of those rights, and simple habits that show respect on every call.",
            "estimated_minutes": 120,
            "lessons": [
                {
                    "title": "Dignity in every contact",
                    "kind": "text",
                    "estimated_minutes": 20,
                    "body": """## Every call is a human rights call

Most of your shift has nothing to do with international law. You take reports, direct traffic, check on welfare, answer disturbances and make arrests. But in each of those contacts you hold real power over another person: to stop them, question them, search them, detain them and, if necessary, use force. Human rights are the limits and the duties that come with that power.

The simplest way to think about it: **every person you meet has the same inherent dignity as you, your family and your colleagues**, whatever they have done and however they treat you.

### What dignity looks like on the job

- **Introduce yourself and explain why you are there.** "I'm Officer Lee with the city police. I stopped you because your taillight is out."
- **Listen before you decide.** Give people a chance to explain. You do not have to agree.
- **Use names and titles.** "Mr. Johnson," "ma'am," or the person's preferred name, not nicknames or slurs.
- **Explain what happens next.** People cope better with bad news when they understand it.
- **Protect privacy.** Do not expose people's bodies, medical conditions or personal information more than the task requires.
- **Handle people in custody with care.** A person in handcuffs depends on you for their safety, including seat belts, temperature, medical needs and protection from others.

### Dignity is also officer safety

People who feel respected are less likely to resist, more likely to give you information and more likely to call police next time they need help. Respect is not weakness; it is a tactic and a professional standard.

### Scenario

You respond to a shoplifting call. The suspect, a middle-aged man, has soiled himself and is crying. Store employees are filming him on their phones and laughing.

1. Which of his rights and interests are at stake?
2. What can you do in the first two minutes to protect his dignity while doing your job?
3. How would you want a colleague to handle this if he were your relative?

### Key point

Lawful is the minimum standard. The question to ask on every call is: *Is this lawful, and does it respect the dignity of this person?*
""",
                },
                {
                    "title": "Reading: your rights framework",
                    "kind": "reading",
                    "estimated_minutes": 25,
                    "source": "Universal Declaration of Human Rights (1948), Articles 1-3, 5, 7, 9, 11-12 and 19-20; United States Constitution, Amendments I, IV, V, VI and XIV",
                    "body": """## Two documents, one set of values

Read the articles and amendments listed in the source. Both texts are short and available free online from the United Nations and the National Archives. This guide shows how they connect to your daily work.

### The Universal Declaration of Human Rights (UDHR)

Adopted by the UN General Assembly in 1948, after the Second World War and the Holocaust, the UDHR sets out rights that belong to every person. It is not a law enforced by US courts, but it expresses values shared by American constitutional law. Articles that matter most on patrol:

- **Article 1**: equal dignity and rights for all.
- **Article 2**: rights belong to everyone without distinction of any kind, such as race, colour, sex, language, religion, political opinion or national origin.
- **Article 3**: the right to life, liberty and security of person.
- **Article 5**: no torture or cruel, inhuman or degrading treatment.
- **Article 7**: equality before the law.
- **Article 9**: no arbitrary arrest or detention.
- **Article 11**: presumption of innocence.
- **Article 12**: privacy of home, family and correspondence.
- **Articles 19 and 20**: freedom of expression and of peaceful assembly.

### The US Constitution

- **First Amendment**: freedom of speech, religion, press and peaceful assembly, and the right to petition the government.
- **Fourth Amendment**: protection against unreasonable searches and seizures. It governs stops, frisks, arrests, searches and the use of force during a seizure.
- **Fifth Amendment**: no one can be compelled to be a witness against themselves; due process of law.
- **Sixth Amendment**: rights of the accused, including the assistance of counsel.
- **Fourteenth Amendment**: applies due process and equal protection of the laws to state and local governments, including your department.

### Rights belong to persons

Constitutional protections such as due process and freedom from unreasonable searches protect every person in the United States, not only citizens. A person's immigration status, criminal record or attitude does not remove them.

### Questions to consider

1. Which of these rights did you engage on your last shift?
2. Which right do you think members of your community worry about most when they see a police officer?
3. Find one sentence in your department's policy manual that expresses one of these rights.
""",
                },
            ],
            "knowledge_check": {
                "pass_mark": 70,
                "questions": [
                    {
                        "text": "Which amendment to the US Constitution protects against unreasonable searches and seizures?",
                        "kind": "single",
                        "explanation": "The Fourth Amendment protects against unreasonable searches and seizures and governs stops, arrests, searches and force used during a seizure.",
                        "choices": [
                            ("First Amendment", False),
                            ("Fourth Amendment", True),
                            ("Eighth Amendment", False),
                            ("Second Amendment", False),
                        ],
                    },
                    {
                        "text": "Constitutional protections such as due process and freedom from unreasonable searches apply to every person in the United States, not only to US citizens.",
                        "kind": "true_false",
                        "explanation": "True. The Fourth, Fifth and Fourteenth Amendments protect 'persons' and 'people', and courts apply them regardless of citizenship or immigration status.",
                        "choices": [("True", True), ("False", False)],
                    },
                    {
                        "text": "Which of the following show respect for a person's dignity during a routine contact? Select all that apply.",
                        "kind": "multiple",
                        "explanation": "Introducing yourself, explaining the reason for the contact and protecting the person's privacy all show respect. Ignoring questions and joking about the person in front of bystanders do the opposite.",
                        "choices": [
                            ("Introducing yourself and explaining why you are there", True),
                            ("Protecting the person's privacy in front of bystanders", True),
                            ("Explaining what will happen next", True),
                            ("Ignoring the person's questions to keep control", False),
                            ("Joking about the person with bystanders", False),
                        ],
                    },
                ],
            },
            "reflection": "Describe a recent call where you protected someone's dignity, or where, looking back, you could have done more. What did you do or say, and what would you do the same or differently next time?",
        },
        # ------------------------------------------------------------------ 2
        {
            "title": "Bias, Dehumanizing Language and the Path to Atrocity",
            "summary": "How implicit bias affects decisions, how dehumanizing language changes what people are willing to do, and what history teaches about the path from words to atrocity.",
            "estimated_minutes": 120,
            "lessons": [
                {
                    "title": "How bias works",
                    "kind": "text",
                    "estimated_minutes": 20,
                    "body": """## Everyone has biases

The human brain takes shortcuts. It sorts people and situations into categories quickly, based on experience, culture, media and what we hear from others. These shortcuts help us act fast, but they can also lead us to treat people unfairly without realizing it.

- **Explicit bias** is a prejudice a person knows they hold and may express openly.
- **Implicit bias** is an automatic association (for example, between a group of people and danger) that can influence perception and decisions even in people who sincerely reject prejudice.

Having implicit biases does not make you a bad person or a bad officer. Acting on them without checking them can lead to unfair stops, unnecessary escalation and lost trust.

### When bias has the most influence

Bias has the greatest effect when we are:

- **rushed** and must decide in seconds;
- **tired, hungry or stressed**;
- **working with little information** and filling the gaps with assumptions;
- **in ambiguous situations**, such as deciding whether an object in someone's hand is a phone or a weapon, or whether a person is "out of place."

### Practical strategies

1. **Slow down when you can.** Time and distance are not only tactical tools; they also give your thinking brain time to catch up.
2. **Focus on behavior, not identity.** Ask "What is this person doing that is suspicious?" not "Does this person look like a suspect?"
3. **Use the switch test.** Ask yourself: "Would I make the same decision if this person were of a different race, gender, age or neighborhood?"
4. **Know your data.** Review your own stops and searches, if your department provides the data. Patterns can reveal what you did not notice in the moment.
5. **Listen to feedback.** When a colleague or community member says a decision looked biased, take it seriously before you dismiss it.

### Scenario

Late at night, you see a young man walking slowly past parked cars in a mostly white, wealthy neighborhood, looking at his phone. He is Black. A resident has called about "a suspicious person."

1. What behavior, if any, is suspicious?
2. How might the call itself be shaped by bias?
3. If you decide to speak with him, how can you do it in a way that respects his rights and dignity?
""",
                },
                {
                    "title": "Words that dehumanize",
                    "kind": "video",
                    "estimated_minutes": 15,
                    "body": """## Viewing guide

This video explains how dehumanizing language works and why it matters for police. Watch it, then answer the questions below.

### Key ideas

- **Dehumanization** is describing or treating people as less than human: as animals, insects, diseases, garbage or objects.
- **It changes what people are willing to do.** Research in psychology has found that people are more willing to accept harsh treatment, and even violence, toward groups they have learned to see as less human.
- **History shows where it can lead.** In Nazi Germany, propaganda described Jews as vermin and disease for years before the Holocaust. In Rwanda, radio broadcasts called Tutsi people cockroaches before and during the 1994 genocide. In the United States, racist language and images were used for generations to justify slavery, segregation and lynching.
- **Police language matters.** Officers are not immune. Terms that describe people in a community as animals, or reduce people to labels, spread through roll calls, group chats and reports, and shape how officers act on the street.

### Professional alternatives

| Instead of | Say |
|---|---|
| "animals," "savages," "thugs" | the person's name, or "the suspect," "the individuals involved" |
| "a junkie," "a crackhead" | "a person who uses drugs" |
| "a psycho," "a nutcase" | "a person in crisis" or "a person with a mental illness" |
| "illegals" | "people without immigration status" or, when relevant, the specific status |

### Questions after viewing

1. Which words have you heard used about people in your community that dehumanize them?
2. What do you think those words do to the officer who uses them, and to the officers who hear them?
3. How could you respond, in one or two sentences, when a colleague uses such a word?
""",
                    "captions_vtt": """WEBVTT

00:00:00.000 --> 00:00:07.000
Words shape what we see. And what we see shapes what we are willing to do.

00:00:07.000 --> 00:00:16.000
Dehumanizing language describes people as less than human: as animals, insects, disease or garbage.

00:00:16.000 --> 00:00:26.000
Research in psychology has found that people are more willing to accept harsh treatment, and even violence, toward groups they have learned to see as less human.

00:00:26.000 --> 00:00:36.000
History shows where this can lead. Nazi propaganda called Jews vermin and disease for years before the Holocaust.

00:00:36.000 --> 00:00:45.000
In Rwanda in 1994, radio broadcasts called Tutsi people cockroaches before and during the genocide.

00:00:45.000 --> 00:00:55.000
In the United States, racist language was used for generations to justify slavery, segregation and lynching.

00:00:55.000 --> 00:01:05.000
Police officers are not immune. Words used in roll calls, group chats and reports shape how officers see the people they serve.

00:01:05.000 --> 00:01:14.000
Choosing professional, human language is not political correctness. It is part of protecting everyone's dignity, and your own judgment.
""",
                    "transcript": "Words shape what we see. And what we see shapes what we are willing to do. Dehumanizing language describes people as less than human: as animals, insects, disease or garbage. Research in psychology has found that people are more willing to accept harsh treatment, and even violence, toward groups they have learned to see as less human. History shows where this can lead. Nazi propaganda called Jews vermin and disease for years before the Holocaust. In Rwanda in 1994, radio broadcasts called Tutsi people cockroaches before and during the genocide. In the United States, racist language was used for generations to justify slavery, segregation and lynching. Police officers are not immune. Words used in roll calls, group chats and reports shape how officers see the people they serve. Choosing professional, human language is not political correctness. It is part of protecting everyone's dignity, and your own judgment.",
                },
                {
                    "title": "From words to harm: the path to atrocity",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## Atrocities are built step by step

Genocide and other mass atrocities do not begin with killing. They are built over time, through steps that each seem small to the people taking them. The Anti-Defamation League's **Pyramid of Hate** illustrates the progression:

1. **Biased attitudes**: stereotypes, fear of difference, accepting negative information about a group.
2. **Acts of bias**: jokes, slurs, dehumanizing language, social exclusion.
3. **Discrimination**: unequal treatment in jobs, housing, education, and in policing.
4. **Bias-motivated violence**: threats, assaults, vandalism, murder.
5. **Genocide**: the deliberate attempt to destroy a people.

Each level rests on the ones below it. When biased attitudes and acts go unchallenged, the higher levels become easier.

### Police have been part of this history

- In Nazi Germany, ordinary police officers enforced discriminatory laws, rounded up Jews for deportation and, in occupied territories, took part in mass shootings.
- In Rwanda in 1994, local officials, soldiers and police helped organize the genocide against the Tutsi.
- In the United States, police enforced segregation laws, arrested peaceful civil rights demonstrators, and in some places stood aside while mobs attacked them, as in Birmingham, Alabama, when the Freedom Riders arrived in 1961.

In each case, many participants were ordinary people following orders, going along with their colleagues, or enforcing the law of their time.

### Police have also stopped it

Officers are often the people in the best position to interrupt the lower levels of the pyramid: by refusing to use dehumanizing language, by treating everyone equally, by investigating hate crimes seriously, and by protecting people who are targeted. Your professional conduct is one of the community's strongest safeguards.

### What you can do

- **Notice** biased talk and jokes, including in informal settings and online.
- **Speak up** early and briefly: "Come on, that's not who we are."
- **Report** discrimination and hate incidents, including by colleagues.
- **Protect** targeted people, including at their places of worship, schools and community events.

### Discussion

Think about the bottom two levels of the pyramid. Where have you seen them in society, or in policing? What happened when no one said anything?
""",
                },
            ],
            "knowledge_check": {
                "pass_mark": 70,
                "questions": [
                    {
                        "text": "Implicit bias can influence a person's perceptions and decisions even if that person sincerely rejects prejudice.",
                        "kind": "true_false",
                        "explanation": "True. Implicit biases are automatic associations that can operate without conscious awareness. That is why strategies such as slowing down and focusing on behavior matter even for officers who hold no conscious prejudice.",
                        "choices": [("True", True), ("False", False)],
                    },
                    {
                        "text": "In Rwanda in 1994, what dehumanizing term did radio broadcasts use for Tutsi people before and during the genocide?",
                        "kind": "single",
                        "explanation": "Broadcasts called Tutsi people 'cockroaches', a label that portrayed them as pests to be exterminated and helped prepare ordinary people to take part in the killing.",
                        "choices": [
                            ("Neighbors", False),
                            ("Cockroaches", True),
                            ("Citizens", False),
                            ("Farmers", False),
                        ],
                    },
                    {
                        "text": "Which strategies help reduce the influence of bias on your decisions? Select all that apply.",
                        "kind": "multiple",
                        "explanation": "Slowing down when possible, focusing on behavior rather than identity, and asking whether you would make the same decision about a different person all help. Relying on gut feelings about groups is how bias operates.",
                        "choices": [
                            ("Slowing down when it is safe to do so", True),
                            ("Focusing on what a person is doing rather than who they are", True),
                            (
                                "Asking whether you would make the same decision if the person belonged to a different group",
                                True,
                            ),
                            ("Trusting your gut feelings about which groups are dangerous", False),
                        ],
                    },
                ],
            },
            "reflection": "Think of a word or phrase about people that is common in police culture where you work. What does it communicate about those people, and how might it affect decisions on the street? Describe how you could respond the next time you hear it.",
        },
        # ------------------------------------------------------------------ 3
        {
            "title": "Use of Force, De-escalation and the Duty to Intervene",
            "summary": "The legal and human rights standards for force, practical de-escalation skills, and how to intervene when a colleague is going too far.",
            "estimated_minutes": 120,
            "lessons": [
                {
                    "title": "Force: legal and human rights standards",
                    "kind": "text",
                    "estimated_minutes": 20,
                    "body": """## The power to use force is a public trust

Police are among the few people society authorizes to use force against others. That power comes with strict limits, set by the Constitution, by state law, by your department's policy and by international human rights standards.

### US constitutional standards

- **Graham v. Connor (1989).** Force used during an arrest or other seizure is judged under the Fourth Amendment's *objective reasonableness* standard, from the perspective of a reasonable officer on the scene. Courts consider the severity of the crime, whether the person poses an immediate threat to the safety of officers or others, and whether the person is actively resisting or attempting to evade arrest by flight.
- **Tennessee v. Garner (1985).** Deadly force may not be used to stop a fleeing suspect unless the officer has probable cause to believe the suspect poses a significant threat of death or serious physical injury to the officer or others.
- **Force must end when the need ends.** Force that may be reasonable at one moment can become excessive a moment later, for example after a person is handcuffed and no longer resisting.

### Human rights standards

The **UN Code of Conduct for Law Enforcement Officials (1979)** says officers may use force only when strictly necessary and to the extent required for their duty. The **UN Basic Principles on the Use of Force and Firearms (1990)** add that officers should use non-violent means as far as possible before resorting to force, act with restraint and in proportion, minimize injury, make sure medical aid is given as soon as possible, and use firearms intentionally to kill only when strictly unavoidable to protect life.

### Your department's policy

Many department policies are stricter than the constitutional minimum. They may require de-escalation when safe and feasible, prohibit chokeholds, restrict shooting at moving vehicles, require warnings, and require medical aid and reporting after every use of force. **Know your policy.** "It was legal" is not a defence to a policy violation.

### Three questions before and during any use of force

1. **Is force necessary?** Is there a lawful objective, and can I achieve it without force or with less force?
2. **Is it proportionate?** Is the type and amount of force in proportion to the threat and the seriousness of the situation?
3. **Is it still needed?** Has the situation changed? Should I stop, reduce force, or provide medical aid?
""",
                },
                {
                    "title": "De-escalation in practice",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## De-escalation is a skill, not a slogan

De-escalation means using communication, tactics and time to reduce the intensity of a situation so that force becomes unnecessary or less force is needed. It protects the public and it protects you.

### Tactical foundations

- **Time.** Very few situations require an immediate decision. Slowing down gives you time to gather information, call resources and let the person calm down.
- **Distance.** Space reduces the threat and your need to react. Closing distance without a reason can force you into using force.
- **Cover and concealment.** Positioning behind cover lets you wait safely instead of forcing a confrontation.
- **Resources.** Call for a supervisor, a crisis intervention team officer, a mental health co-responder, a language interpreter or medical personnel when appropriate.

### Communication

- **One voice.** Agree which officer will speak. Several officers shouting different commands confuses and frightens people.
- **Calm, simple language.** Use a steady voice, short sentences and one instruction at a time.
- **Introduce yourself and use the person's name.**
- **Listen and reflect.** "It sounds like you're really angry about how the landlord treated you."
- **Explain and offer choices.** "I need you to put the knife on the table. Then we can talk about what happened." Giving options where possible helps people feel some control.
- **Be patient with silence.** People in crisis need time to process.

### Recognize why a person may not comply

Not everyone who fails to follow commands is resisting. A person may be deaf or hard of hearing, not understand English, be in a mental health crisis, be under the influence, have a medical condition such as a diabetic emergency, or be too frightened to move. Ask yourself, *Can this person understand and comply?*

### Scenario

You and a partner respond to a report of a man shouting in a parking lot. He is holding a small kitchen knife at his side, pacing, and talking to himself. No one else is near him. Your partner draws a weapon and begins shouting commands while walking toward him.

1. What risks does your partner's approach create?
2. What could you do to create time and distance?
3. What would you say first, and which resources would you call?
""",
                },
                {
                    "title": "The duty to intervene: what to do and what to say",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## You are responsible for what you allow

If you see a colleague using force that is clearly beyond what is reasonable, or violating someone's rights in another way, you have a duty to intervene. That duty appears in federal case law, in the laws of many states, in most department policies and in international standards. Officers who stood by have faced discipline, lawsuits and federal criminal convictions, including the officers convicted of federal civil rights crimes for failing to intervene and to provide medical aid after George Floyd's death in Minneapolis in 2020.

### What the duty includes

1. **Intervene** to stop excessive force or another clear violation, verbally or physically, when you have a realistic opportunity.
2. **Provide or request medical aid** for anyone injured or in medical distress.
3. **Report** the incident to a supervisor promptly, and document it in writing.

The duty applies **regardless of rank**. It applies when the person going too far is your field training officer, your sergeant or your friend.

### Why it is hard

You may be new. The other officer may be senior. Things happen fast. Everyone else seems calm. You worry about being labelled disloyal. These pressures are real and they are normal, which is why intervention has to be planned and practised in advance.

### Intervene early and simply

Most intervention is small and happens before force is used:

- "Hey, I've got this. Take a break."
- "He's cuffed. Ease off."
- "Let's step back and slow this down."
- Touching your partner's shoulder and stepping in to take over the conversation.

If that does not work, be more direct: "Stop. Now." If a person is in danger and physical intervention is needed, act to protect the person, then request a supervisor.

### Agree in advance

Talk with your partners and your squad before anything happens. Agree that you each want to be stopped if you are about to make a mistake, agree on the words you will use, and agree that no one will hold an intervention against the other. Your department's policy should protect you from retaliation; if it does not, raise it with your supervisors and this course's facilitators.

### Scenario

A handcuffed man is lying face down. He has stopped resisting and says he can't breathe. A senior officer keeps his knee on the man's back. You are holding the man's legs.

1. What will you say, word for word?
2. What will you do if the officer ignores you?
3. What must happen immediately afterward?
""",
                },
            ],
            "knowledge_check": {
                "pass_mark": 70,
                "questions": [
                    {
                        "text": "Under Tennessee v. Garner (1985), when may deadly force be used to prevent a suspect from escaping?",
                        "kind": "single",
                        "explanation": "Garner held that deadly force may not be used to stop a fleeing suspect unless the officer has probable cause to believe the suspect poses a significant threat of death or serious physical injury to the officer or others.",
                        "choices": [
                            ("Whenever the suspect is fleeing from any felony", False),
                            (
                                "Only when the officer has probable cause to believe the suspect poses a significant threat of death or serious physical injury to the officer or others",
                                True,
                            ),
                            ("Whenever the suspect ignores a command to stop", False),
                            ("Whenever the officer cannot catch the suspect on foot", False),
                        ],
                    },
                    {
                        "text": "Under the UN Basic Principles on the Use of Force and Firearms and most US department policies, officers must make sure that medical aid is provided as soon as possible to anyone injured by the use of force.",
                        "kind": "true_false",
                        "explanation": "True. Principle 5 of the Basic Principles calls for medical assistance to be rendered to injured persons at the earliest possible moment, and most department policies require officers to provide or request medical aid after force.",
                        "choices": [("True", True), ("False", False)],
                    },
                    {
                        "text": "Which of the following are part of the duty to intervene as described in this module? Select all that apply.",
                        "kind": "multiple",
                        "explanation": "The duty includes stopping clearly excessive force or another clear violation, providing or requesting medical aid, and reporting to a supervisor. It applies regardless of rank, so waiting for a more senior officer is not part of it.",
                        "choices": [
                            (
                                "Stopping clearly excessive force when you have a realistic opportunity",
                                True,
                            ),
                            ("Providing or requesting medical aid for a person in distress", True),
                            ("Reporting the incident promptly to a supervisor", True),
                            ("Staying silent if the officer using force outranks you", False),
                        ],
                    },
                ],
            },
            "reflection": "Write down the exact words you would use to intervene with a partner who was going too far, and one person on your shift you will talk with about agreeing to intervene for each other. What makes that conversation easy or hard in your unit?",
        },
        # ------------------------------------------------------------------ 4
        {
            "title": "Upholding Rights in the Community",
            "summary": "Protecting freedom of expression and peaceful assembly, including the right to record police, and providing equal service to people with limited English, people with disabilities, immigrants and young people.",
            "estimated_minutes": 120,
            "lessons": [
                {
                    "title": "Protest, speech and the right to record",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## Protecting the rights of people who criticize us

The First Amendment protects freedom of speech, of the press and of peaceful assembly, and the right to petition the government. Article 20 of the Universal Declaration of Human Rights protects the right of peaceful assembly. These rights include the right to protest against the police. One of the clearest tests of a rights-respecting officer is how they treat people who are angry at them.

### What is protected

- **Peaceful protest and marches**, subject to reasonable, content-neutral rules on time, place and manner (such as permits for large events or keeping a lane open for emergency vehicles).
- **Offensive or insulting speech** directed at police, in most circumstances. Profanity, rude gestures and harsh criticism are generally protected unless they cross into true threats or incitement to imminent lawless action.
- **Recording police** performing their duties in public. Several federal courts of appeals have recognized a First Amendment right to record police in public places, subject to reasonable restrictions, such as not physically interfering with officers.

### What is not protected

Violence, true threats, destruction of property, and physically obstructing officers or emergency services are not protected. Officers may act against those specific behaviors, while protecting the rights of the peaceful majority.

### Good practice during demonstrations

1. **Facilitate, do not suppress.** Your role is to keep everyone safe and help people exercise their rights.
2. **Communicate.** Make contact with organizers, explain any restrictions, and give clear, audible warnings and time to comply before any dispersal.
3. **Target behavior, not crowds.** Act against individuals who commit crimes, not against everyone in the area.
4. **Protect journalists, legal observers and medics.**
5. **Wear visible identification** and keep body-worn cameras on according to policy.

### When someone is filming you

Stay professional. Do not demand that the person stop recording, delete footage or hand over a phone. You may ask them to step back if they are physically interfering or creating a real safety issue. Remember that the recording can also show your professionalism.

### Scenario

During a traffic stop, a bystander stands on the sidewalk about ten meters away, filming and shouting that you are harassing the driver.

1. Is the bystander breaking any law?
2. What do you say, if anything?
3. How might your response appear in the video later, and why does that matter for trust?
""",
                },
                {
                    "title": "Serving everyone: language, disability, immigration and youth",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## Equal protection means equal access

The Fourteenth Amendment promises equal protection of the laws. In practice, that means every person, whatever language they speak, whatever disability they have, whatever their immigration status or age, can call the police for help and be treated fairly.

### Language access

- **Title VI of the Civil Rights Act of 1964** prohibits discrimination based on national origin by programs that receive federal funds, and federal guidance requires meaningful access for people with limited English proficiency.
- **Use qualified interpreters**, in person or through a telephone or video language line. Officers certified as bilingual may also be appropriate under department policy.
- **Do not use children as interpreters**, except in a true emergency and only until a qualified interpreter is available. Children may mistranslate, be exposed to trauma, or be placed in conflict with their families, and the information may not hold up later.
- **Do not rely on a suspect or abuser** to interpret for a victim.

### Disability

- **Title II of the Americans with Disabilities Act** applies to state and local government services, including police.
- A person who is deaf or hard of hearing may not hear commands. A person with autism, an intellectual disability or a mental illness may not respond the way you expect. Ask, adapt and allow time.
- Use crisis intervention resources and qualified sign language interpreters when needed.

### Immigrants

Victims and witnesses who fear immigration consequences may not call police. Follow your department's policy and state law on immigration inquiries. In general, asking crime victims and witnesses about their immigration status is unnecessary for local policing and discourages reporting.

### Young people

Early contacts with police shape a young person's view of the law for years. Explain what you are doing, listen, and avoid humiliating them in front of their friends. Follow the special legal rules that apply to questioning juveniles.

### Scenario

You respond to a domestic disturbance. The woman who called speaks only Spanish. Her partner speaks English and offers to translate. Her twelve-year-old daughter is also present.

1. Why should neither the partner nor the daughter interpret?
2. How will you get a qualified interpreter quickly?
3. What will you do to keep everyone safe until you can communicate properly?
""",
                },
            ],
            "knowledge_check": {
                "pass_mark": 70,
                "questions": [
                    {
                        "text": "Several federal courts of appeals have recognized a First Amendment right to record police officers performing their duties in public, subject to reasonable restrictions such as not physically interfering.",
                        "kind": "true_false",
                        "explanation": "True. Multiple federal courts of appeals have recognized this right. Officers may address real interference or safety problems but should not demand that people stop recording or delete footage.",
                        "choices": [("True", True), ("False", False)],
                    },
                    {
                        "text": "You respond to a domestic disturbance where the victim speaks only Spanish and her partner offers to translate. What should you do?",
                        "kind": "single",
                        "explanation": "Use a qualified interpreter. A suspected abuser must never interpret for a victim, because the victim may be afraid to speak and the interpretation cannot be trusted.",
                        "choices": [
                            ("Accept the partner's offer to translate", False),
                            (
                                "Obtain a qualified interpreter, for example through a language line, and keep the parties separated",
                                True,
                            ),
                            ("Ask the couple's twelve-year-old daughter to translate", False),
                            ("Leave, since you cannot communicate with the caller", False),
                        ],
                    },
                    {
                        "text": "Which of the following are generally protected by the First Amendment? Select all that apply.",
                        "kind": "multiple",
                        "explanation": "Peaceful protest, signs criticizing police and recording police in public are generally protected. Physically blocking an ambulance on an emergency call and assaulting someone are not protected.",
                        "choices": [
                            ("A peaceful march on a permitted route", True),
                            ("Holding a sign that harshly criticizes the police department", True),
                            ("Recording officers from a sidewalk without interfering", True),
                            ("Physically blocking an ambulance responding to an emergency", False),
                            ("Assaulting a counter-protester", False),
                        ],
                    },
                ],
            },
            "reflection": "Think of a group in your community that rarely calls the police, or that expects to be treated unfairly when it does. What is one specific thing you could do on your next shifts to make it easier for people in that group to get help from you?",
        },
    ],
}


OFFICER_ES = {
    "slug": "repair-officer-es",
    "title": "REPAIR para agentes: derechos humanos en la labor policial diaria",
    "language": "es",
    "translation_group": "officer",
    "thematic_area": "Derechos humanos en la labor policial diaria",
    "credit_hours": 8,
    "summary": "Un curso de ocho horas para agentes de patrulla y personal civil sobre cómo proteger la dignidad humana y los derechos civiles en el trabajo policial de todos los días. Los participantes analizan cómo los prejuicios y el lenguaje deshumanizante pueden conducir a daños graves, practican la desescalada y el deber de intervenir, y aprenden a defender los derechos de todas las personas de la comunidad.",
    "paced": False,
    "pre_post_test": {
        "pass_mark": 70,
        "questions": [
            {
                "text": "¿Qué documento, adoptado por la Asamblea General de las Naciones Unidas en 1948, comienza afirmando que todos los seres humanos nacen libres e iguales en dignidad y derechos?",
                "kind": "single",
                "explanation": "El artículo 1 de la Declaración Universal de Derechos Humanos (1948) establece que todos los seres humanos nacen libres e iguales en dignidad y derechos.",
                "choices": [
                    ("La Declaración Universal de Derechos Humanos", True),
                    ("La Ley de Derechos Civiles de 1964", False),
                    ("La Proclamación de Emancipación", False),
                    ("La Declaración de Independencia de los Estados Unidos", False),
                ],
            },
            {
                "text": "La Cuarta Enmienda de la Constitución de los Estados Unidos protege a las personas contra registros e incautaciones (detenciones) irrazonables.",
                "kind": "true_false",
                "explanation": "Verdadero. La Cuarta Enmienda protege el derecho de las personas a la seguridad de su persona, domicilio, documentos y efectos contra registros e incautaciones irrazonables. Rige las paradas, los arrestos, los registros y el uso de la fuerza durante una detención.",
                "choices": [("Verdadero", True), ("Falso", False)],
            },
            {
                "text": "¿Cuáles de los siguientes son ejemplos de lenguaje deshumanizante? Seleccione todas las respuestas correctas.",
                "kind": "multiple",
                "explanation": "Llamar 'animales' o 'alimañas' a las personas, o describir a un grupo como una 'enfermedad', niega su humanidad y facilita el maltrato. Usar el nombre de la persona o una descripción neutral es respetuoso y profesional.",
                "choices": [
                    ("Llamar 'animales' a los residentes de un vecindario", True),
                    ("Describir a un grupo de personas como 'alimañas' o una 'enfermedad'", True),
                    ("Dirigirse a una persona por su nombre", False),
                    ("Referirse a alguien como 'el conductor del vehículo'", False),
                ],
            },
            {
                "text": "Según Graham v. Connor (1989), ¿cuál de los siguientes es uno de los factores que consideran los tribunales para decidir si la fuerza fue objetivamente razonable?",
                "kind": "single",
                "explanation": "Graham v. Connor menciona la gravedad del delito, si el sospechoso representa una amenaza inmediata para la seguridad de los agentes u otras personas, y si el sospechoso se resiste activamente o intenta evadir el arresto huyendo. Los sentimientos del agente, el vecindario o el cansancio no son factores.",
                "choices": [
                    (
                        "Si la persona representa una amenaza inmediata para la seguridad de los agentes u otras personas",
                        True,
                    ),
                    ("Los sentimientos personales del agente hacia la persona", False),
                    ("El vecindario donde vive la persona", False),
                    ("Si el agente estaba por terminar su turno", False),
                ],
            },
            {
                "text": "El deber de intervenir solo se aplica cuando el agente que usa fuerza excesiva tiene un rango igual o inferior al del agente que lo presencia.",
                "kind": "true_false",
                "explanation": "Falso. El deber de intervenir se aplica sin importar el rango. A menudo es más difícil actuar cuando quien se excede es un superior, y por eso las políticas y la capacitación lo dicen de forma explícita.",
                "choices": [("Verdadero", False), ("Falso", True)],
            },
            {
                "text": "¿Cuáles de las siguientes son técnicas de desescalada? Seleccione todas las respuestas correctas.",
                "kind": "multiple",
                "explanation": "Ganar tiempo y distancia, usar cobertura, que un solo agente se comunique y hablar con calma y con instrucciones sencillas reducen el riesgo de tener que usar la fuerza. Gritar órdenes contradictorias y acortar la distancia por costumbre tienden a aumentar la tensión.",
                "choices": [
                    ("Ganar tiempo y distancia cuando sea seguro hacerlo", True),
                    ("Que un solo agente sea quien hable", True),
                    ("Usar un tono de voz calmado e instrucciones sencillas y claras", True),
                    ("Que varios agentes griten órdenes distintas al mismo tiempo", False),
                    ("Acortar siempre la distancia de inmediato, sea cual sea la situación", False),
                ],
            },
            {
                "text": "¿Cuál es la lección principal de modelos como la Pirámide del Odio?",
                "kind": "single",
                "explanation": "La Pirámide del Odio muestra cómo las actitudes y los actos prejuiciosos, cuando se toleran, hacen más probables la discriminación y la violencia. Detener los prejuicios en los niveles inferiores previene el daño en los niveles superiores.",
                "choices": [
                    (
                        "Los chistes y los insultos son inofensivos porque nunca llevan a la acción",
                        False,
                    ),
                    (
                        "Las actitudes y los actos prejuiciosos que nadie cuestiona hacen más probables la discriminación y la violencia",
                        True,
                    ),
                    (
                        "Solo quienes están en la cúpula de una organización pueden prevenir el odio",
                        False,
                    ),
                    ("Los crímenes de odio solo ocurren en otros países", False),
                ],
            },
            {
                "text": "Una mujer que habla poco inglés quiere denunciar un delito. Su hijo de diez años habla bien inglés. ¿Cuál es la mejor práctica?",
                "kind": "single",
                "explanation": "Use un intérprete calificado, en persona o por medio de un servicio de interpretación telefónica o por video. No se debe usar a niños como intérpretes: pueden traducir mal, quedar expuestos a detalles traumáticos o verse en conflicto con su familia, y la denuncia puede resultar poco fiable.",
                "choices": [
                    ("Pedirle a su hijo que interprete, porque es más rápido", False),
                    (
                        "Usar un intérprete calificado o un servicio de interpretación telefónica o por video",
                        True,
                    ),
                    ("Pedirle que regrese cuando pueda traer a un adulto que hable inglés", False),
                    ("Tomar la denuncia en inglés y pedirle que la firme", False),
                ],
            },
        ],
    },
    "modules": [
        # ------------------------------------------------------------------ 1
        {
            "title": "La dignidad humana y los derechos en la labor policial diaria",
            "summary": "Por qué cada contacto policial involucra derechos humanos, cuáles son los fundamentos constitucionales e internacionales de esos derechos y qué hábitos sencillos demuestran respeto en cada llamada.",
            "estimated_minutes": 120,
            "lessons": [
                {
                    "title": "Dignidad en cada contacto",
                    "kind": "text",
                    "estimated_minutes": 20,
                    "body": """## Cada llamada es una llamada de derechos humanos

La mayor parte de su turno no tiene nada que ver con el derecho internacional. Usted toma denuncias, dirige el tráfico, verifica el bienestar de personas, atiende disturbios y realiza arrestos. Pero en cada uno de esos contactos usted tiene un poder real sobre otra persona: detenerla, interrogarla, registrarla, retenerla y, si es necesario, usar la fuerza. Los derechos humanos son los límites y los deberes que acompañan ese poder.

La forma más sencilla de pensarlo: **cada persona con la que usted trata tiene la misma dignidad inherente que usted, su familia y sus compañeros**, sin importar lo que haya hecho ni cómo lo trate a usted.

### Cómo se ve la dignidad en el trabajo

- **Preséntese y explique por qué está allí.** "Soy el agente Lee, de la policía de la ciudad. Lo detuve porque tiene una luz trasera apagada".
- **Escuche antes de decidir.** Dé a las personas la oportunidad de explicarse. No tiene que estar de acuerdo.
- **Use nombres y tratamientos de cortesía.** "Señor Johnson", "señora" o el nombre que la persona prefiera, no apodos ni insultos.
- **Explique lo que va a pasar.** Las personas sobrellevan mejor las malas noticias cuando las entienden.
- **Proteja la privacidad.** No exponga el cuerpo, las condiciones médicas ni la información personal de nadie más de lo que exige la tarea.
- **Trate con cuidado a las personas bajo custodia.** Una persona esposada depende de usted para su seguridad, incluidos el cinturón de seguridad, la temperatura, sus necesidades médicas y la protección frente a otros.

### La dignidad también es seguridad para el agente

Las personas que se sienten respetadas tienen menos probabilidades de resistirse, más probabilidades de darle información y más probabilidades de llamar a la policía la próxima vez que necesiten ayuda. El respeto no es debilidad: es una táctica y una norma profesional.

### Escenario

Usted responde a una llamada por hurto en una tienda. El sospechoso, un hombre de mediana edad, se ha orinado encima y está llorando. Los empleados de la tienda lo graban con sus teléfonos y se ríen.

1. ¿Qué derechos e intereses de este hombre están en juego?
2. ¿Qué puede hacer en los primeros dos minutos para proteger su dignidad mientras hace su trabajo?
3. ¿Cómo querría que un compañero manejara la situación si este hombre fuera su familiar?

### Punto clave

Lo legal es el mínimo. La pregunta que debe hacerse en cada llamada es: *¿Es legal y respeta la dignidad de esta persona?*
""",
                },
                {
                    "title": "Lectura: su marco de derechos",
                    "kind": "reading",
                    "estimated_minutes": 25,
                    "source": "Declaración Universal de Derechos Humanos (1948), artículos 1-3, 5, 7, 9, 11-12 y 19-20; Constitución de los Estados Unidos, Enmiendas I, IV, V, VI y XIV",
                    "body": """## Dos documentos, un mismo conjunto de valores

Lea los artículos y las enmiendas que se indican en la fuente. Ambos textos son breves y están disponibles gratuitamente en línea, en los sitios de las Naciones Unidas y del Archivo Nacional de los Estados Unidos. Esta guía muestra cómo se relacionan con su trabajo diario.

### La Declaración Universal de Derechos Humanos (DUDH)

Adoptada por la Asamblea General de la ONU en 1948, después de la Segunda Guerra Mundial y el Holocausto, la DUDH establece derechos que pertenecen a todas las personas. No es una ley que apliquen los tribunales de los Estados Unidos, pero expresa valores que comparte el derecho constitucional estadounidense. Los artículos más importantes para el patrullaje son:

- **Artículo 1**: igual dignidad y derechos para todos.
- **Artículo 2**: los derechos pertenecen a todas las personas sin distinción alguna de raza, color, sexo, idioma, religión, opinión política u origen nacional, entre otras.
- **Artículo 3**: derecho a la vida, a la libertad y a la seguridad de su persona.
- **Artículo 5**: nadie será sometido a torturas ni a tratos crueles, inhumanos o degradantes.
- **Artículo 7**: igualdad ante la ley.
- **Artículo 9**: nadie podrá ser arbitrariamente detenido ni preso.
- **Artículo 11**: presunción de inocencia.
- **Artículo 12**: privacidad del domicilio, la familia y la correspondencia.
- **Artículos 19 y 20**: libertad de expresión y de reunión pacífica.

### La Constitución de los Estados Unidos

- **Primera Enmienda**: libertad de expresión, de religión, de prensa y de reunión pacífica, y derecho a presentar peticiones al gobierno.
- **Cuarta Enmienda**: protección contra registros e incautaciones irrazonables. Rige las paradas, los cacheos, los arrestos, los registros y el uso de la fuerza durante una detención.
- **Quinta Enmienda**: nadie puede ser obligado a declarar contra sí mismo; debido proceso legal.
- **Sexta Enmienda**: derechos del acusado, incluida la asistencia de un abogado.
- **Decimocuarta Enmienda**: aplica el debido proceso y la igual protección de las leyes a los gobiernos estatales y locales, incluido su departamento.

### Los derechos pertenecen a las personas

Las protecciones constitucionales, como el debido proceso y la protección contra registros irrazonables, amparan a todas las personas en los Estados Unidos, no solo a los ciudadanos. La situación migratoria, los antecedentes penales o la actitud de una persona no se las quitan.

### Preguntas para reflexionar

1. ¿Cuáles de estos derechos estuvieron en juego durante su último turno?
2. ¿Qué derecho cree que más preocupa a los miembros de su comunidad cuando ven a un agente de policía?
3. Busque en el manual de políticas de su departamento una frase que exprese uno de estos derechos.
""",
                },
            ],
            "knowledge_check": {
                "pass_mark": 70,
                "questions": [
                    {
                        "text": "¿Qué enmienda de la Constitución de los Estados Unidos protege contra registros e incautaciones irrazonables?",
                        "kind": "single",
                        "explanation": "La Cuarta Enmienda protege contra registros e incautaciones irrazonables y rige las paradas, los arrestos, los registros y la fuerza empleada durante una detención.",
                        "choices": [
                            ("La Primera Enmienda", False),
                            ("La Cuarta Enmienda", True),
                            ("La Octava Enmienda", False),
                            ("La Segunda Enmienda", False),
                        ],
                    },
                    {
                        "text": "Las protecciones constitucionales, como el debido proceso y la protección contra registros irrazonables, se aplican a todas las personas en los Estados Unidos, no solo a los ciudadanos estadounidenses.",
                        "kind": "true_false",
                        "explanation": "Verdadero. Las Enmiendas Cuarta, Quinta y Decimocuarta protegen a las 'personas' y al 'pueblo', y los tribunales las aplican sin importar la ciudadanía ni la situación migratoria.",
                        "choices": [("Verdadero", True), ("Falso", False)],
                    },
                    {
                        "text": "¿Cuáles de las siguientes acciones demuestran respeto por la dignidad de una persona durante un contacto de rutina? Seleccione todas las respuestas correctas.",
                        "kind": "multiple",
                        "explanation": "Presentarse, explicar el motivo del contacto y proteger la privacidad de la persona demuestran respeto. Ignorar sus preguntas y burlarse de ella delante de otras personas hacen lo contrario.",
                        "choices": [
                            ("Presentarse y explicar por qué está allí", True),
                            ("Proteger la privacidad de la persona frente a los curiosos", True),
                            ("Explicar lo que va a pasar a continuación", True),
                            ("Ignorar las preguntas de la persona para mantener el control", False),
                            ("Hacer bromas sobre la persona con los curiosos", False),
                        ],
                    },
                ],
            },
            "reflection": "Describa una llamada reciente en la que usted protegió la dignidad de alguien o en la que, al recordarla, cree que pudo haber hecho más. ¿Qué hizo o dijo, y qué haría igual o de otra manera la próxima vez?",
        },
        # ------------------------------------------------------------------ 2
        {
            "title": "Prejuicios, lenguaje deshumanizante y el camino hacia las atrocidades",
            "summary": "Cómo los sesgos implícitos afectan las decisiones, cómo el lenguaje deshumanizante cambia lo que las personas están dispuestas a hacer y qué enseña la historia sobre el camino que va de las palabras a las atrocidades.",
            "estimated_minutes": 120,
            "lessons": [
                {
                    "title": "Cómo funcionan los sesgos",
                    "kind": "text",
                    "estimated_minutes": 20,
                    "body": """## Todos tenemos sesgos

El cerebro humano toma atajos. Clasifica rápidamente a las personas y las situaciones en categorías, según la experiencia, la cultura, los medios de comunicación y lo que escuchamos de otros. Estos atajos nos ayudan a actuar con rapidez, pero también pueden llevarnos a tratar a las personas injustamente sin darnos cuenta.

- El **sesgo explícito** es un prejuicio que la persona sabe que tiene y que puede expresar abiertamente.
- El **sesgo implícito** es una asociación automática (por ejemplo, entre un grupo de personas y el peligro) que puede influir en la percepción y en las decisiones incluso de personas que rechazan sinceramente los prejuicios.

Tener sesgos implícitos no lo convierte en una mala persona ni en un mal agente. Actuar según ellos sin examinarlos puede llevar a paradas injustas, a una escalada innecesaria y a la pérdida de confianza.

### Cuándo los sesgos influyen más

Los sesgos tienen mayor efecto cuando estamos:

- **apurados** y debemos decidir en segundos;
- **cansados, con hambre o estresados**;
- **trabajando con poca información** y llenando los vacíos con suposiciones;
- **en situaciones ambiguas**, como decidir si el objeto que alguien tiene en la mano es un teléfono o un arma, o si una persona "está fuera de lugar".

### Estrategias prácticas

1. **Vaya más despacio cuando pueda.** El tiempo y la distancia no son solo herramientas tácticas; también le dan a su mente racional tiempo para ponerse al día.
2. **Concéntrese en la conducta, no en la identidad.** Pregúntese "¿Qué está haciendo esta persona que sea sospechoso?" y no "¿Parece sospechosa esta persona?".
3. **Haga la prueba del cambio.** Pregúntese: "¿Tomaría la misma decisión si esta persona fuera de otra raza, género, edad o vecindario?".
4. **Conozca sus datos.** Revise sus propias paradas y registros, si su departamento le proporciona esos datos. Los patrones pueden revelar lo que usted no notó en el momento.
5. **Escuche los comentarios.** Cuando un compañero o un miembro de la comunidad le diga que una decisión pareció sesgada, tómelo en serio antes de descartarlo.

### Escenario

Tarde en la noche, usted ve a un joven que camina despacio junto a autos estacionados en un vecindario acomodado de mayoría blanca, mirando su teléfono. El joven es afroamericano. Un residente ha llamado para reportar a "una persona sospechosa".

1. ¿Qué conducta, si la hay, es sospechosa?
2. ¿Cómo podría la propia llamada estar influida por un sesgo?
3. Si decide hablar con él, ¿cómo puede hacerlo respetando sus derechos y su dignidad?
""",
                },
                {
                    "title": "Palabras que deshumanizan",
                    "kind": "video",
                    "estimated_minutes": 15,
                    "body": """## Guía para ver el video

Este video explica cómo funciona el lenguaje deshumanizante y por qué es importante para la policía. Véalo y luego responda las preguntas que aparecen abajo.

### Ideas clave

- **Deshumanizar** es describir o tratar a las personas como si fueran menos que humanas: como animales, insectos, enfermedades, basura u objetos.
- **Cambia lo que las personas están dispuestas a hacer.** Investigaciones en psicología han encontrado que las personas aceptan con más facilidad el trato severo, e incluso la violencia, contra grupos que han aprendido a ver como menos humanos.
- **La historia muestra adónde puede llevar.** En la Alemania nazi, la propaganda describió a los judíos como alimañas y enfermedad durante años antes del Holocausto. En Ruanda, las transmisiones de radio llamaron "cucarachas" a los tutsis antes y durante el genocidio de 1994. En los Estados Unidos, se usaron durante generaciones palabras e imágenes racistas para justificar la esclavitud, la segregación y los linchamientos.
- **El lenguaje policial importa.** Los agentes no son inmunes. Los términos que describen como animales a las personas de una comunidad, o que las reducen a etiquetas, se difunden en las reuniones de turno, los chats de grupo y los informes, y determinan cómo actúan los agentes en la calle.

### Alternativas profesionales

| En lugar de | Diga |
|---|---|
| "animales", "salvajes", "maleantes" | el nombre de la persona, o "el sospechoso", "las personas involucradas" |
| "un drogadicto", "un tecato" | "una persona que consume drogas" |
| "un loco", "un chiflado" | "una persona en crisis" o "una persona con una enfermedad mental" |
| "ilegales" | "personas sin estatus migratorio" o, cuando sea pertinente, la situación migratoria específica |

### Preguntas después de ver el video

1. ¿Qué palabras ha escuchado usar sobre personas de su comunidad que las deshumanizan?
2. ¿Qué cree que esas palabras le hacen al agente que las usa y a los agentes que las escuchan?
3. ¿Cómo podría responder, en una o dos frases, cuando un compañero use una de esas palabras?
""",
                    "captions_vtt": """WEBVTT

00:00:00.000 --> 00:00:07.000
Las palabras moldean lo que vemos. Y lo que vemos moldea lo que estamos dispuestos a hacer.

00:00:07.000 --> 00:00:16.000
El lenguaje deshumanizante describe a las personas como si fueran menos que humanas: como animales, insectos, enfermedad o basura.

00:00:16.000 --> 00:00:26.000
Investigaciones en psicología han encontrado que las personas aceptan con más facilidad el trato severo, e incluso la violencia, contra grupos que han aprendido a ver como menos humanos.

00:00:26.000 --> 00:00:36.000
La historia muestra adónde puede llevar esto. La propaganda nazi llamó a los judíos alimañas y enfermedad durante años antes del Holocausto.

00:00:36.000 --> 00:00:45.000
En Ruanda, en 1994, las transmisiones de radio llamaron cucarachas a los tutsis antes y durante el genocidio.

00:00:45.000 --> 00:00:55.000
En los Estados Unidos, se usó lenguaje racista durante generaciones para justificar la esclavitud, la segregación y los linchamientos.

00:00:55.000 --> 00:01:05.000
Los agentes de policía no son inmunes. Las palabras que se usan en las reuniones de turno, los chats de grupo y los informes moldean cómo ven los agentes a las personas a quienes sirven.

00:01:05.000 --> 00:01:14.000
Elegir un lenguaje profesional y humano no es corrección política. Es parte de proteger la dignidad de todos, y su propio criterio.
""",
                    "transcript": "Las palabras moldean lo que vemos. Y lo que vemos moldea lo que estamos dispuestos a hacer. El lenguaje deshumanizante describe a las personas como si fueran menos que humanas: como animales, insectos, enfermedad o basura. Investigaciones en psicología han encontrado que las personas aceptan con más facilidad el trato severo, e incluso la violencia, contra grupos que han aprendido a ver como menos humanos. La historia muestra adónde puede llevar esto. La propaganda nazi llamó a los judíos alimañas y enfermedad durante años antes del Holocausto. En Ruanda, en 1994, las transmisiones de radio llamaron cucarachas a los tutsis antes y durante el genocidio. En los Estados Unidos, se usó lenguaje racista durante generaciones para justificar la esclavitud, la segregación y los linchamientos. Los agentes de policía no son inmunes. Las palabras que se usan en las reuniones de turno, los chats de grupo y los informes moldean cómo ven los agentes a las personas a quienes sirven. Elegir un lenguaje profesional y humano no es corrección política. Es parte de proteger la dignidad de todos, y su propio criterio.",
                },
                {
                    "title": "De las palabras al daño: el camino hacia las atrocidades",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## Las atrocidades se construyen paso a paso

El genocidio y otras atrocidades masivas no comienzan con matanzas. Se construyen con el tiempo, mediante pasos que a quienes los dan les parecen pequeños. La **Pirámide del Odio** de la Liga Antidifamación (ADL) ilustra esa progresión:

1. **Actitudes prejuiciosas**: estereotipos, miedo a lo diferente, aceptación de información negativa sobre un grupo.
2. **Actos de prejuicio**: chistes, insultos, lenguaje deshumanizante, exclusión social.
3. **Discriminación**: trato desigual en el empleo, la vivienda, la educación y también en la labor policial.
4. **Violencia motivada por prejuicios**: amenazas, agresiones, vandalismo, asesinato.
5. **Genocidio**: el intento deliberado de destruir a un pueblo.

Cada nivel se apoya en los de abajo. Cuando nadie cuestiona las actitudes y los actos prejuiciosos, los niveles superiores se vuelven más fáciles.

### La policía ha formado parte de esta historia

- En la Alemania nazi, policías comunes aplicaron leyes discriminatorias, detuvieron a judíos para deportarlos y, en los territorios ocupados, participaron en fusilamientos masivos.
- En Ruanda, en 1994, funcionarios locales, soldados y policías ayudaron a organizar el genocidio contra los tutsis.
- En los Estados Unidos, la policía hizo cumplir las leyes de segregación, arrestó a manifestantes pacíficos del movimiento por los derechos civiles y, en algunos lugares, se hizo a un lado mientras turbas los atacaban, como ocurrió en Birmingham, Alabama, cuando llegaron los Viajeros de la Libertad (Freedom Riders) en 1961.

En cada caso, muchos de los participantes eran personas comunes que obedecían órdenes, seguían a sus compañeros o hacían cumplir la ley de su época.

### La policía también lo ha detenido

Los agentes suelen ser quienes están en mejor posición para frenar los niveles inferiores de la pirámide: negándose a usar lenguaje deshumanizante, tratando a todos por igual, investigando en serio los crímenes de odio y protegiendo a las personas que son blanco de ataques. Su conducta profesional es una de las salvaguardas más sólidas de la comunidad.

### Lo que usted puede hacer

- **Fíjese** en los comentarios y chistes prejuiciosos, también en espacios informales y en línea.
- **Hable** pronto y en pocas palabras: "Vamos, nosotros no somos así".
- **Reporte** la discriminación y los incidentes de odio, incluso cuando vienen de compañeros.
- **Proteja** a las personas que son blanco de ataques, también en sus lugares de culto, escuelas y eventos comunitarios.

### Conversación

Piense en los dos niveles inferiores de la pirámide. ¿Dónde los ha visto en la sociedad o en la labor policial? ¿Qué pasó cuando nadie dijo nada?
""",
                },
            ],
            "knowledge_check": {
                "pass_mark": 70,
                "questions": [
                    {
                        "text": "Un sesgo implícito puede influir en las percepciones y decisiones de una persona aunque esa persona rechace sinceramente los prejuicios.",
                        "kind": "true_false",
                        "explanation": "Verdadero. Los sesgos implícitos son asociaciones automáticas que pueden operar sin que seamos conscientes de ellas. Por eso estrategias como ir más despacio y centrarse en la conducta importan incluso para los agentes que no tienen prejuicios conscientes.",
                        "choices": [("Verdadero", True), ("Falso", False)],
                    },
                    {
                        "text": "En Ruanda, en 1994, ¿qué término deshumanizante usaron las transmisiones de radio para referirse a los tutsis antes y durante el genocidio?",
                        "kind": "single",
                        "explanation": "Las transmisiones llamaron 'cucarachas' a los tutsis, una etiqueta que los presentaba como plagas que había que exterminar y que ayudó a preparar a personas comunes para participar en las matanzas.",
                        "choices": [
                            ("Vecinos", False),
                            ("Cucarachas", True),
                            ("Ciudadanos", False),
                            ("Campesinos", False),
                        ],
                    },
                    {
                        "text": "¿Qué estrategias ayudan a reducir la influencia de los sesgos en sus decisiones? Seleccione todas las respuestas correctas.",
                        "kind": "multiple",
                        "explanation": "Ir más despacio cuando sea posible, centrarse en la conducta y no en la identidad, y preguntarse si tomaría la misma decisión con otra persona ayudan. Confiar en las corazonadas sobre grupos es justamente la forma en que operan los sesgos.",
                        "choices": [
                            ("Ir más despacio cuando sea seguro hacerlo", True),
                            ("Centrarse en lo que la persona está haciendo y no en quién es", True),
                            (
                                "Preguntarse si tomaría la misma decisión si la persona perteneciera a otro grupo",
                                True,
                            ),
                            ("Confiar en sus corazonadas sobre qué grupos son peligrosos", False),
                        ],
                    },
                ],
            },
            "reflection": "Piense en una palabra o expresión sobre las personas que sea común en la cultura policial de su lugar de trabajo. ¿Qué comunica sobre esas personas y cómo podría afectar las decisiones en la calle? Describa cómo podría responder la próxima vez que la escuche.",
        },
        # ------------------------------------------------------------------ 3
        {
            "title": "Uso de la fuerza, desescalada y el deber de intervenir",
            "summary": "Las normas legales y de derechos humanos sobre el uso de la fuerza, técnicas prácticas de desescalada y cómo intervenir cuando un compañero se excede.",
            "estimated_minutes": 120,
            "lessons": [
                {
                    "title": "La fuerza: normas legales y de derechos humanos",
                    "kind": "text",
                    "estimated_minutes": 20,
                    "body": """## El poder de usar la fuerza es un mandato público

La policía es una de las pocas instituciones a las que la sociedad autoriza a usar la fuerza contra otras personas. Ese poder tiene límites estrictos, establecidos por la Constitución, las leyes estatales, la política de su departamento y las normas internacionales de derechos humanos.

### Normas constitucionales de los Estados Unidos

- **Graham v. Connor (1989).** La fuerza empleada durante un arresto u otra detención se evalúa según la norma de *razonabilidad objetiva* de la Cuarta Enmienda, desde la perspectiva de un agente razonable presente en el lugar. Los tribunales consideran la gravedad del delito, si la persona representa una amenaza inmediata para la seguridad de los agentes u otras personas, y si la persona se resiste activamente o intenta evadir el arresto huyendo.
- **Tennessee v. Garner (1985).** No se puede usar fuerza letal para detener a un sospechoso que huye, a menos que el agente tenga causa probable para creer que el sospechoso representa una amenaza significativa de muerte o lesiones físicas graves para el agente u otras personas.
- **La fuerza debe cesar cuando cesa la necesidad.** La fuerza que puede ser razonable en un momento puede volverse excesiva un momento después, por ejemplo, cuando la persona ya está esposada y ha dejado de resistirse.

### Normas de derechos humanos

El **Código de Conducta para Funcionarios Encargados de Hacer Cumplir la Ley de la ONU (1979)** establece que los agentes podrán usar la fuerza solo cuando sea estrictamente necesario y en la medida que lo requiera el desempeño de sus tareas. Los **Principios Básicos sobre el Empleo de la Fuerza y de Armas de Fuego por los Funcionarios Encargados de Hacer Cumplir la Ley de la ONU (1990)** añaden que los agentes deben utilizar en la medida de lo posible medios no violentos antes de recurrir a la fuerza, actuar con moderación y en proporción, reducir al mínimo las lesiones, asegurarse de que se preste asistencia médica lo antes posible y usar intencionalmente armas de fuego de manera letal solo cuando sea estrictamente inevitable para proteger una vida.

### La política de su departamento

Muchas políticas departamentales son más estrictas que el mínimo constitucional. Pueden exigir la desescalada cuando sea seguro y factible, prohibir las llaves de estrangulamiento, restringir los disparos contra vehículos en movimiento, exigir advertencias y exigir asistencia médica e informes después de cada uso de la fuerza. **Conozca su política.** "Era legal" no es una defensa ante una violación de la política.

### Tres preguntas antes y durante cualquier uso de la fuerza

1. **¿Es necesaria la fuerza?** ¿Hay un objetivo legal y puedo lograrlo sin fuerza o con menos fuerza?
2. **¿Es proporcional?** ¿El tipo y la cantidad de fuerza guardan proporción con la amenaza y la gravedad de la situación?
3. **¿Sigue siendo necesaria?** ¿Ha cambiado la situación? ¿Debo detenerme, reducir la fuerza o prestar asistencia médica?
""",
                },
                {
                    "title": "La desescalada en la práctica",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## La desescalada es una destreza, no un eslogan

Desescalar significa usar la comunicación, las tácticas y el tiempo para reducir la intensidad de una situación, de modo que la fuerza no sea necesaria o se necesite menos. Protege al público y lo protege a usted.

### Bases tácticas

- **Tiempo.** Muy pocas situaciones exigen una decisión inmediata. Ir más despacio le da tiempo para reunir información, pedir recursos y dejar que la persona se calme.
- **Distancia.** El espacio reduce la amenaza y su necesidad de reaccionar. Acortar la distancia sin motivo puede obligarlo a usar la fuerza.
- **Cobertura y ocultamiento.** Colocarse detrás de una cobertura le permite esperar con seguridad en lugar de forzar una confrontación.
- **Recursos.** Pida apoyo de un supervisor, de un agente del equipo de intervención en crisis (CIT), de un profesional de salud mental, de un intérprete o de personal médico cuando corresponda.

### Comunicación

- **Una sola voz.** Acuerden qué agente hablará. Si varios agentes gritan órdenes distintas, la persona se confunde y se asusta.
- **Lenguaje calmado y sencillo.** Use un tono firme y tranquilo, frases cortas y una instrucción a la vez.
- **Preséntese y use el nombre de la persona.**
- **Escuche y refleje.** "Parece que está muy enojado por cómo lo trató el dueño del apartamento".
- **Explique y ofrezca opciones.** "Necesito que ponga el cuchillo sobre la mesa. Después podemos hablar de lo que pasó". Ofrecer opciones cuando sea posible ayuda a que la persona sienta que tiene algo de control.
- **Tenga paciencia con los silencios.** Las personas en crisis necesitan tiempo para procesar.

### Reconozca por qué una persona puede no obedecer

No todas las personas que no siguen las órdenes se están resistiendo. La persona puede ser sorda o tener problemas de audición, no entender inglés, estar en una crisis de salud mental, estar bajo los efectos de alguna sustancia, tener una condición médica como una emergencia diabética, o estar demasiado asustada para moverse. Pregúntese: *¿Puede esta persona entender y cumplir?*

### Escenario

Usted y su compañero responden a un reporte de un hombre que grita en un estacionamiento. Tiene un cuchillo de cocina pequeño en la mano, con el brazo hacia abajo, camina de un lado a otro y habla solo. No hay nadie más cerca de él. Su compañero desenfunda su arma y empieza a gritar órdenes mientras camina hacia él.

1. ¿Qué riesgos crea el modo en que se acerca su compañero?
2. ¿Qué podría hacer usted para ganar tiempo y distancia?
3. ¿Qué diría primero y qué recursos pediría?
""",
                },
                {
                    "title": "El deber de intervenir: qué hacer y qué decir",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## Usted es responsable de lo que permite

Si ve que un compañero usa una fuerza claramente mayor de lo razonable, o que viola de otra manera los derechos de alguien, usted tiene el deber de intervenir. Ese deber aparece en la jurisprudencia federal, en las leyes de muchos estados, en la mayoría de las políticas departamentales y en las normas internacionales. Agentes que se quedaron mirando han enfrentado sanciones disciplinarias, demandas y condenas penales federales, entre ellos los agentes condenados por delitos federales contra los derechos civiles por no intervenir y no prestar asistencia médica tras la muerte de George Floyd en Minneapolis en 2020.

### Qué incluye este deber

1. **Intervenir** para detener la fuerza excesiva u otra violación evidente, de palabra o físicamente, cuando tenga una oportunidad real de hacerlo.
2. **Prestar o solicitar asistencia médica** para cualquier persona herida o con una emergencia médica.
3. **Reportar** el incidente a un supervisor sin demora y documentarlo por escrito.

El deber se aplica **sin importar el rango**. Se aplica cuando quien se excede es su agente de entrenamiento de campo, su sargento o su amigo.

### Por qué es difícil

Puede que usted sea nuevo. Puede que el otro agente tenga más antigüedad. Todo pasa muy rápido. Los demás parecen tranquilos. Le preocupa que lo consideren desleal. Estas presiones son reales y normales, y por eso la intervención debe planearse y practicarse de antemano.

### Intervenga pronto y con sencillez

La mayoría de las intervenciones son pequeñas y ocurren antes de que se use la fuerza:

- "Oye, yo me encargo. Tómate un respiro".
- "Ya está esposado. Afloja".
- "Demos un paso atrás y vayamos más despacio".
- Tocar el hombro de su compañero y adelantarse para hacerse cargo de la conversación.

Si eso no funciona, sea más directo: "Para. Ya". Si una persona está en peligro y es necesaria una intervención física, actúe para proteger a la persona y luego pida la presencia de un supervisor.

### Pónganse de acuerdo de antemano

Hable con sus compañeros y con su escuadra antes de que pase algo. Acuerden que cada uno quiere que lo detengan si está a punto de cometer un error, acuerden las palabras que usarán y acuerden que nadie le reprochará una intervención al otro. La política de su departamento debe protegerlo contra represalias; si no lo hace, plantéelo a sus supervisores y a los facilitadores de este curso.

### Escenario

Un hombre esposado está boca abajo en el suelo. Ha dejado de resistirse y dice que no puede respirar. Un agente de más antigüedad mantiene la rodilla sobre su espalda. Usted le sujeta las piernas.

1. ¿Qué dirá, palabra por palabra?
2. ¿Qué hará si el agente no le hace caso?
3. ¿Qué debe ocurrir inmediatamente después?
""",
                },
            ],
            "knowledge_check": {
                "pass_mark": 70,
                "questions": [
                    {
                        "text": "Según Tennessee v. Garner (1985), ¿cuándo se puede usar fuerza letal para impedir que un sospechoso escape?",
                        "kind": "single",
                        "explanation": "Garner estableció que no se puede usar fuerza letal para detener a un sospechoso que huye, a menos que el agente tenga causa probable para creer que el sospechoso representa una amenaza significativa de muerte o lesiones físicas graves para el agente u otras personas.",
                        "choices": [
                            ("Siempre que el sospechoso huya de cualquier delito grave", False),
                            (
                                "Solo cuando el agente tiene causa probable para creer que el sospechoso representa una amenaza significativa de muerte o lesiones físicas graves para el agente u otras personas",
                                True,
                            ),
                            ("Siempre que el sospechoso ignore una orden de detenerse", False),
                            ("Siempre que el agente no pueda alcanzar al sospechoso a pie", False),
                        ],
                    },
                    {
                        "text": "Según los Principios Básicos de la ONU sobre el Empleo de la Fuerza y de Armas de Fuego y la mayoría de las políticas departamentales en los Estados Unidos, los agentes deben asegurarse de que se preste asistencia médica lo antes posible a cualquier persona herida por el uso de la fuerza.",
                        "kind": "true_false",
                        "explanation": "Verdadero. El principio 5 de los Principios Básicos pide que se preste asistencia médica a las personas heridas lo antes posible, y la mayoría de las políticas departamentales exigen que los agentes presten o soliciten asistencia médica después de usar la fuerza.",
                        "choices": [("Verdadero", True), ("Falso", False)],
                    },
                    {
                        "text": "¿Cuáles de los siguientes forman parte del deber de intervenir tal como se describe en este módulo? Seleccione todas las respuestas correctas.",
                        "kind": "multiple",
                        "explanation": "El deber incluye detener la fuerza claramente excesiva u otra violación evidente, prestar o solicitar asistencia médica y reportar a un supervisor. Se aplica sin importar el rango, así que quedarse callado ante un superior no forma parte de él.",
                        "choices": [
                            (
                                "Detener la fuerza claramente excesiva cuando tenga una oportunidad real de hacerlo",
                                True,
                            ),
                            (
                                "Prestar o solicitar asistencia médica para una persona en peligro",
                                True,
                            ),
                            ("Reportar el incidente sin demora a un supervisor", True),
                            (
                                "Quedarse callado si el agente que usa la fuerza tiene un rango superior al suyo",
                                False,
                            ),
                        ],
                    },
                ],
            },
            "reflection": "Escriba las palabras exactas que usaría para intervenir con un compañero que se estuviera excediendo, y el nombre de una persona de su turno con quien hablará para acordar que intervendrán el uno por el otro. ¿Qué hace que esa conversación sea fácil o difícil en su unidad?",
        },
        # ------------------------------------------------------------------ 4
        {
            "title": "Defender los derechos en la comunidad",
            "summary": "Cómo proteger la libertad de expresión y de reunión pacífica, incluido el derecho a grabar a la policía, y cómo brindar un servicio igualitario a personas con dominio limitado del inglés, personas con discapacidad, inmigrantes y jóvenes.",
            "estimated_minutes": 120,
            "lessons": [
                {
                    "title": "Protestas, libertad de expresión y el derecho a grabar",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## Proteger los derechos de quienes nos critican

La Primera Enmienda protege la libertad de expresión, de prensa y de reunión pacífica, y el derecho a presentar peticiones al gobierno. El artículo 20 de la Declaración Universal de Derechos Humanos protege el derecho de reunión pacífica. Estos derechos incluyen el derecho a protestar contra la policía. Una de las pruebas más claras de que un agente respeta los derechos es cómo trata a las personas que están enojadas con él.

### Lo que está protegido

- **Las protestas y marchas pacíficas**, sujetas a normas razonables y neutrales en cuanto al contenido sobre el momento, el lugar y la forma (por ejemplo, permisos para eventos grandes o dejar un carril libre para los vehículos de emergencia).
- **Las expresiones ofensivas o insultantes** dirigidas a la policía, en la mayoría de las circunstancias. Las groserías, los gestos obscenos y las críticas duras generalmente están protegidos, salvo que constituyan amenazas reales o incitación a una acción ilegal inminente.
- **Grabar a la policía** mientras cumple sus funciones en público. Varios tribunales federales de apelaciones han reconocido el derecho, amparado por la Primera Enmienda, a grabar a la policía en lugares públicos, con restricciones razonables, como no interferir físicamente con los agentes.

### Lo que no está protegido

La violencia, las amenazas reales, la destrucción de bienes y la obstrucción física de los agentes o de los servicios de emergencia no están protegidas. Los agentes pueden actuar contra esas conductas concretas, mientras protegen los derechos de la mayoría pacífica.

### Buenas prácticas durante las manifestaciones

1. **Facilite, no reprima.** Su papel es mantener a todos seguros y ayudar a las personas a ejercer sus derechos.
2. **Comuníquese.** Establezca contacto con los organizadores, explique cualquier restricción y dé advertencias claras y audibles, con tiempo para cumplirlas, antes de cualquier dispersión.
3. **Actúe contra conductas, no contra multitudes.** Actúe contra las personas que cometen delitos, no contra todos los que están en la zona.
4. **Proteja a periodistas, observadores legales y personal médico.**
5. **Lleve identificación visible** y mantenga encendida la cámara corporal según la política.

### Cuando alguien lo está grabando

Manténgase profesional. No exija que la persona deje de grabar, que borre el video ni que le entregue el teléfono. Puede pedirle que se aleje si está interfiriendo físicamente o creando un verdadero problema de seguridad. Recuerde que la grabación también puede mostrar su profesionalismo.

### Escenario

Durante una parada de tráfico, un transeúnte se para en la acera, a unos diez metros, y graba mientras grita que usted está acosando al conductor.

1. ¿Está el transeúnte violando alguna ley?
2. ¿Qué le dice, si es que le dice algo?
3. ¿Cómo podría verse su respuesta en el video más tarde, y por qué eso importa para la confianza?
""",
                },
                {
                    "title": "Servir a todos: idioma, discapacidad, inmigración y juventud",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## Igual protección significa igual acceso

La Decimocuarta Enmienda promete la igual protección de las leyes. En la práctica, eso significa que toda persona, sin importar el idioma que hable, la discapacidad que tenga, su situación migratoria o su edad, puede llamar a la policía para pedir ayuda y recibir un trato justo.

### Acceso lingüístico

- **El Título VI de la Ley de Derechos Civiles de 1964** prohíbe la discriminación por origen nacional en los programas que reciben fondos federales, y las directrices federales exigen un acceso significativo para las personas con dominio limitado del inglés.
- **Use intérpretes calificados**, en persona o por medio de un servicio de interpretación telefónica o por video. También pueden ser apropiados los agentes certificados como bilingües, según la política del departamento.
- **No use a niños como intérpretes**, salvo en una verdadera emergencia y solo hasta que haya un intérprete calificado disponible. Los niños pueden traducir mal, quedar expuestos a situaciones traumáticas o verse en conflicto con su familia, y la información puede no sostenerse más adelante.
- **No dependa de un sospechoso o agresor** para interpretar lo que dice una víctima.

### Discapacidad

- **El Título II de la Ley de Estadounidenses con Discapacidades (ADA)** se aplica a los servicios de los gobiernos estatales y locales, incluida la policía.
- Una persona sorda o con problemas de audición puede no oír las órdenes. Una persona con autismo, discapacidad intelectual o una enfermedad mental puede no responder como usted espera. Pregunte, adáptese y dé tiempo.
- Use los recursos de intervención en crisis y, cuando sea necesario, intérpretes calificados de lengua de señas.

### Inmigrantes

Las víctimas y los testigos que temen consecuencias migratorias pueden no llamar a la policía. Siga la política de su departamento y la ley estatal sobre preguntas relacionadas con la inmigración. En general, preguntar a las víctimas y testigos de delitos por su situación migratoria es innecesario para la labor policial local y desalienta las denuncias.

### Jóvenes

Los primeros contactos con la policía moldean durante años la visión que un joven tiene de la ley. Explique lo que está haciendo, escuche y evite humillarlo delante de sus amigos. Siga las normas legales especiales que se aplican al interrogatorio de menores.

### Escenario

Usted responde a un disturbio doméstico. La mujer que llamó solo habla español. Su pareja habla inglés y se ofrece a traducir. Su hija de doce años también está presente.

1. ¿Por qué no deben interpretar ni la pareja ni la hija?
2. ¿Cómo conseguirá rápidamente un intérprete calificado?
3. ¿Qué hará para mantener a todos seguros hasta que pueda comunicarse adecuadamente?
""",
                },
            ],
            "knowledge_check": {
                "pass_mark": 70,
                "questions": [
                    {
                        "text": "Varios tribunales federales de apelaciones han reconocido el derecho, amparado por la Primera Enmienda, a grabar a los agentes de policía mientras cumplen sus funciones en público, con restricciones razonables, como no interferir físicamente.",
                        "kind": "true_false",
                        "explanation": "Verdadero. Varios tribunales federales de apelaciones han reconocido este derecho. Los agentes pueden atender problemas reales de interferencia o de seguridad, pero no deben exigir que las personas dejen de grabar ni que borren el video.",
                        "choices": [("Verdadero", True), ("Falso", False)],
                    },
                    {
                        "text": "Usted responde a un disturbio doméstico en el que la víctima solo habla español y su pareja se ofrece a traducir. ¿Qué debe hacer?",
                        "kind": "single",
                        "explanation": "Use un intérprete calificado. Un presunto agresor nunca debe interpretar para una víctima, porque la víctima puede tener miedo de hablar y la interpretación no es confiable.",
                        "choices": [
                            ("Aceptar la oferta de la pareja de traducir", False),
                            (
                                "Conseguir un intérprete calificado, por ejemplo mediante un servicio de interpretación telefónica, y mantener separadas a las partes",
                                True,
                            ),
                            ("Pedirle a la hija de doce años de la pareja que traduzca", False),
                            (
                                "Retirarse, ya que no puede comunicarse con la persona que llamó",
                                False,
                            ),
                        ],
                    },
                    {
                        "text": "¿Cuáles de las siguientes actividades están generalmente protegidas por la Primera Enmienda? Seleccione todas las respuestas correctas.",
                        "kind": "multiple",
                        "explanation": "Las protestas pacíficas, los carteles que critican a la policía y grabar a la policía en público generalmente están protegidos. Bloquear físicamente una ambulancia que atiende una emergencia y agredir a alguien no lo están.",
                        "choices": [
                            ("Una marcha pacífica por una ruta autorizada", True),
                            (
                                "Sostener un cartel que critica duramente al departamento de policía",
                                True,
                            ),
                            ("Grabar a los agentes desde la acera sin interferir", True),
                            (
                                "Bloquear físicamente una ambulancia que responde a una emergencia",
                                False,
                            ),
                            ("Agredir a un contramanifestante", False),
                        ],
                    },
                ],
            },
            "reflection": "Piense en un grupo de su comunidad que rara vez llama a la policía, o que espera ser tratado injustamente cuando lo hace. ¿Qué es algo concreto que podría hacer en sus próximos turnos para que a las personas de ese grupo les resulte más fácil recibir su ayuda?",
        },
    ],
}


TRAUMA = {
    "slug": "repair-trauma",
    "title": "REPAIR Trauma-Informed Policing",
    "language": "en",
    "translation_group": "repair-trauma",
    "thematic_area": "Trauma-informed policing",
    "credit_hours": 6,
    "summary": "A three-week course on how trauma affects victims, witnesses and officers, and how to conduct interviews and everyday interactions in ways that support recovery and improve the quality of information. The final module focuses on officer wellness and secondary trauma.",
    "paced": False,
    "pre_post_test": {
        "pass_mark": 70,
        "questions": [
            {
                "text": "SAMHSA's concept of trauma describes three elements, often called the 'three E's'. What are they?",
                "kind": "single",
                "explanation": "SAMHSA describes individual trauma as resulting from an Event or series of events, which the person Experiences as harmful or life-threatening, and which has lasting adverse Effects on the person's functioning and well-being.",
                "choices": [
                    ("Event, Experience and Effects", True),
                    ("Evidence, Examination and Enforcement", False),
                    ("Emotion, Energy and Endurance", False),
                    ("Escalation, Engagement and Exit", False),
                ],
            },
            {
                "text": "Inconsistencies or gaps in a victim's account of a traumatic event are, by themselves, reliable proof that the victim is lying.",
                "kind": "true_false",
                "explanation": "False. Stress and trauma affect how memories are encoded and recalled. Fragmented, out-of-order or incomplete accounts are common in truthful victims. Inconsistencies should be explored carefully through investigation, not treated as proof of deception.",
                "choices": [("True", False), ("False", True)],
            },
            {
                "text": "Which of the following can be normal responses to a traumatic event? Select all that apply.",
                "kind": "multiple",
                "explanation": "Freezing, appearing calm or emotionally flat, and difficulty recalling events in order are all common trauma responses. There is no single 'correct' way for a victim to behave, and many victims do not cry or appear upset.",
                "choices": [
                    ("Freezing or being unable to move during the event", True),
                    ("Appearing calm or emotionally flat when speaking to police", True),
                    ("Difficulty recalling events in the order they happened", True),
                    (
                        "Trauma always produces visible crying and distress; a calm victim cannot have been traumatized",
                        False,
                    ),
                ],
            },
            {
                "text": "Which opening question is most consistent with a trauma-informed interview?",
                "kind": "single",
                "explanation": "An open invitation such as 'What are you able to tell me about what happened?' lets the person start where they can and does not imply blame. 'Why' questions about the victim's choices can feel accusatory and shut down recall.",
                "choices": [
                    ("Why didn't you fight back?", False),
                    ("What are you able to tell me about what happened?", True),
                    ("Why were you out so late?", False),
                    ("Are you sure that's what happened?", False),
                ],
            },
            {
                "text": "Officers can experience secondary traumatic stress through repeated exposure to other people's trauma, even when they themselves were never in physical danger.",
                "kind": "true_false",
                "explanation": "True. Secondary (or vicarious) traumatic stress results from hearing about, seeing or responding to other people's traumatic experiences. It is common among police, dispatchers, investigators and others who work closely with victims.",
                "choices": [("True", True), ("False", False)],
            },
            {
                "text": "Which of the following are among SAMHSA's six key principles of a trauma-informed approach? Select all that apply.",
                "kind": "multiple",
                "explanation": "SAMHSA's six principles are safety; trustworthiness and transparency; peer support; collaboration and mutuality; empowerment, voice and choice; and cultural, historical and gender issues. Speed of case closure and command and control are not among them.",
                "choices": [
                    ("Safety", True),
                    ("Trustworthiness and transparency", True),
                    ("Empowerment, voice and choice", True),
                    ("Speed of case closure", False),
                    ("Command and control", False),
                ],
            },
            {
                "text": "A colleague tells you after a hard shift that he has been thinking about ending his life. What is the most appropriate response?",
                "kind": "single",
                "explanation": "Take it seriously: stay with the person, ask directly about suicide, listen without judgment, and connect them to help such as peer support, the employee assistance program, a clinician or the 988 Suicide & Crisis Lifeline. Never promise to keep it secret or leave them alone if they are in danger.",
                "choices": [
                    ("Change the subject so he does not dwell on it", False),
                    ("Promise to keep it secret and do nothing else", False),
                    (
                        "Stay with him, ask directly about suicide, listen, and connect him to help such as peer support or the 988 Suicide & Crisis Lifeline",
                        True,
                    ),
                    ("Tell him every officer feels that way and he needs to toughen up", False),
                ],
            },
            {
                "text": "Which pillar of the 2015 Final Report of the President's Task Force on 21st Century Policing is devoted to the health and safety of officers?",
                "kind": "single",
                "explanation": "Pillar Six, Officer Wellness and Safety, addresses officers' physical and mental health, including stress, trauma and suicide prevention.",
                "choices": [
                    ("Pillar One: Building Trust and Legitimacy", False),
                    ("Pillar Three: Technology and Social Media", False),
                    ("Pillar Six: Officer Wellness and Safety", True),
                    ("Pillar Four: Community Policing and Crime Reduction", False),
                ],
            },
        ],
    },
    "modules": [
        # ------------------------------------------------------------------ 1
        {
            "title": "Understanding Trauma and Its Effects",
            "summary": "What trauma is, how the brain and body respond to threat, and how trauma shows up in victims, witnesses, communities and officers.",
            "estimated_minutes": 120,
            "lessons": [
                {
                    "title": "What trauma is and why it matters to police",
                    "kind": "text",
                    "estimated_minutes": 20,
                    "body": """## Police work is trauma work

Police are often the first people to arrive after the worst moments of someone's life: an assault, a crash, a death, a house fire, a child abused. Officers meet people at the moment trauma happens, and the way officers behave can make recovery easier or harder. Trauma also affects the people officers meet long after the event, and it affects officers themselves.

### A working definition

The US Substance Abuse and Mental Health Services Administration (SAMHSA) describes individual trauma as resulting from an **event**, a series of events or a set of circumstances that a person **experiences** as physically or emotionally harmful or life-threatening, and that has lasting adverse **effects** on the person's functioning and well-being. These are often called the "three E's."

The same event can traumatize one person and not another. What matters is how the person experienced it and what resources and support they had.

### Kinds of trauma officers encounter

- **Acute trauma**: a single event, such as a robbery or a crash.
- **Chronic or complex trauma**: repeated harm over time, such as domestic violence, child abuse or human trafficking.
- **Community and historical trauma**: harm experienced by a whole group, such as repeated violence in a neighborhood or the lasting effects of discrimination, which can shape how people react to police.
- **Occupational trauma**: the cumulative effect on officers, dispatchers and other staff of repeated exposure to violence, death and suffering.

### Why a trauma-informed approach helps policing

- **Better information.** Victims and witnesses who feel safe remember and share more.
- **More cooperation.** People who are treated with care are more likely to stay involved in an investigation and to testify.
- **Fewer escalations.** Recognizing trauma responses helps officers avoid misreading fear as defiance.
- **Less harm.** Police contact should not add new trauma to old.
- **Healthier officers.** Understanding trauma helps officers recognize it in themselves and their colleagues.

### Scenario

You respond to a home burglary. The resident, an older woman, answers your questions in short, flat sentences, keeps apologizing, and cannot say what time she got home. Your partner mutters that she seems "off" and might be hiding something.

1. What trauma responses might explain her behavior?
2. How could you adjust your approach in the next ten minutes?
3. What would you say to your partner?
""",
                },
                {
                    "title": "The brain and body under threat",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## Survival comes first

When a person perceives a serious threat, the brain's survival systems take over. Stress hormones flood the body, heart rate and breathing change, and attention narrows to whatever seems most important for survival. These responses are automatic; they are not choices.

### Common survival responses

- **Fight**: resisting or struggling.
- **Flight**: trying to escape.
- **Freeze**: becoming still, unable to move or speak. Many victims of sexual assault, for example, report that they could not move or cry out. This is a recognized survival response, not consent and not a failure.
- **Submit or appease**: going along with an attacker to reduce harm, such as complying, placating or dissociating.

Officers recognize these responses from their own training: under high stress, fine motor skills decline, hearing can shut down and time can seem to slow. Victims and witnesses experience the same effects without any training.

### Trauma and memory

Stress changes how memories are stored and recalled:

- **Central details**, the things the person was focused on, such as a weapon, a face or a smell, may be vivid.
- **Peripheral details**, such as times, sequence, clothing or what other people were doing, may be missing or confused.
- **Memories may come back in fragments**, out of order, and over days or weeks, especially after sleep.
- **Sensory memories** (sounds, smells, physical sensations) are often strong.

This means that gaps and changes in a victim's account are common in truthful people. They are a reason to investigate carefully, not proof of deception.

### Trauma responses after the event

People may appear calm, numb or even laugh; others may be angry, confused or hostile. Some cannot stop talking; others say very little. Alcohol or drugs may be involved. None of these tells you whether the person is telling the truth.

### Practical implications for officers

1. **Do not judge credibility by demeanor.** There is no correct way for a victim to behave.
2. **Establish safety first.** People cannot recall well while they still feel in danger.
3. **Expect fragments.** Allow people to tell what they remember in their own order.
4. **Plan for follow-up.** Offer a later interview, because more may be recalled after rest.
5. **Notice your own reactions.** Your stress affects your perception and patience too.
""",
                },
                {
                    "title": "Reading: SAMHSA's concept of trauma and trauma-informed approach",
                    "kind": "reading",
                    "estimated_minutes": 30,
                    "source": "Substance Abuse and Mental Health Services Administration, SAMHSA's Concept of Trauma and Guidance for a Trauma-Informed Approach (US Department of Health and Human Services, 2014)",
                    "body": """## About this document

In 2014, SAMHSA, an agency of the US Department of Health and Human Services, published a short guidance document that has become a common reference for trauma-informed work in health care, schools, courts and law enforcement. It is available free from SAMHSA. Read the sections on the concept of trauma, the trauma-informed approach, and the six key principles.

### A program that is trauma-informed

According to SAMHSA, a trauma-informed program, organization or system:

1. **Realizes** the widespread impact of trauma and understands potential paths for recovery;
2. **Recognizes** the signs and symptoms of trauma in clients, families, staff and others;
3. **Responds** by fully integrating knowledge about trauma into policies, procedures and practices; and
4. Seeks to actively **resist re-traumatization**.

### The six key principles

| Principle | What it can look like in policing |
|---|---|
| Safety | Moving a victim away from the suspect and from onlookers; explaining that they are safe now |
| Trustworthiness and transparency | Explaining what you are doing and why, and what will happen next; not making promises you cannot keep |
| Peer support | Connecting victims with advocates and survivor networks; peer support teams for officers |
| Collaboration and mutuality | Working with advocates, medical staff and prosecutors; treating the victim as a partner in the process |
| Empowerment, voice and choice | Offering choices where possible: where to talk, whether to have a support person present, when to take a break |
| Cultural, historical and gender issues | Recognizing how culture, language, gender and history, including past experiences with police, shape a person's responses |

### Applying the reading

Trauma-informed policing does not mean lowering standards of investigation, ignoring evidence, or believing every account without question. It means conducting thorough, objective investigations in ways that do not add unnecessary harm and that help people give the most complete and accurate information they can.

### Reading questions

1. Which of the six principles does your agency already practise well? Give an example.
2. Which principle is hardest to apply on a busy patrol shift, and why?
3. "Resist re-traumatization" applies inside the agency too. How could a critical incident debrief or an internal investigation re-traumatize an officer, and how could it be done better?
""",
                },
            ],
            "knowledge_check": {
                "pass_mark": 70,
                "questions": [
                    {
                        "text": "According to SAMHSA, a trauma-informed organization realizes the impact of trauma, recognizes its signs, responds by integrating trauma knowledge into policy and practice, and seeks to do what?",
                        "kind": "single",
                        "explanation": "The fourth 'R' is to actively resist re-traumatization: avoiding practices that add new harm to people who have already experienced trauma.",
                        "choices": [
                            ("Resist re-traumatization", True),
                            ("Reduce caseloads", False),
                            ("Record every interview in writing only", False),
                            ("Refer all victims to court", False),
                        ],
                    },
                    {
                        "text": "A victim who appears calm or emotionally flat while describing an assault cannot have been traumatized by it.",
                        "kind": "true_false",
                        "explanation": "False. Calmness, numbness and flat affect are common trauma responses. Demeanor is not a reliable indicator of whether a person was traumatized or is telling the truth.",
                        "choices": [("True", False), ("False", True)],
                    },
                    {
                        "text": "Which of the following are common effects of traumatic stress on memory? Select all that apply.",
                        "kind": "multiple",
                        "explanation": "Under traumatic stress, central details may be vivid while peripheral details such as times and sequence are lost, and memories may return in fragments over time. Trauma does not make memories perfectly complete and chronological.",
                        "choices": [
                            ("Vivid memory of central details, such as a weapon or a face", True),
                            (
                                "Missing or confused peripheral details, such as times and sequence",
                                True,
                            ),
                            (
                                "Memories that return in fragments over days, especially after sleep",
                                True,
                            ),
                            (
                                "A complete, perfectly chronological account immediately after the event",
                                False,
                            ),
                        ],
                    },
                ],
            },
            "reflection": "Think of a victim or witness whose behavior once seemed strange or suspicious to you. Looking at it again through what you learned in this module, how might trauma explain what you saw, and what would you do differently today?",
        },
        # ------------------------------------------------------------------ 2
        {
            "title": "Trauma-Informed Interviews and Interactions",
            "summary": "Practical skills for first contact, interviewing and follow-up with victims and witnesses, and special considerations for children, domestic violence and sexual assault.",
            "estimated_minutes": 120,
            "lessons": [
                {
                    "title": "First contact: safety, transparency and choice",
                    "kind": "text",
                    "estimated_minutes": 20,
                    "body": """## The first minutes matter

A victim may remember the responding officer's first words for the rest of their life. First contact is where you establish safety, build trust and lay the foundation for everything that follows in the investigation.

### Establish safety

- **Address immediate dangers and medical needs first.**
- **Separate the victim from the suspect**, and where possible from onlookers, cameras and family members who may pressure them.
- **Say it plainly.** "You're safe now. I'm here to help you."
- **Watch your presence.** Stand or sit at the person's level when safe, keep a calm voice, and explain before you move closer or touch anything.

### Be transparent

- **Introduce yourself** and explain your role.
- **Explain what will happen next**: questions, photographs, evidence collection, medical examination, follow-up by a detective.
- **Be honest about what you do not know**, and never promise outcomes you cannot control, such as an arrest or a conviction.

### Offer choice and control

Trauma takes away control. Giving some back, where the investigation allows, helps people stabilize:

- "Would you like to sit down here or in the car?"
- "Is there someone you'd like me to call to be with you?"
- "We can take a break whenever you need one."
- Offer water, a blanket, a tissue, a phone charger.

### Connect to support

- Tell victims about their rights under your state's victims' rights laws, and give them written information in a language they understand.
- Offer to contact a victim advocate, and explain what advocates do.
- Give your name, case number and how to reach you or the assigned investigator.

### Words to avoid

- "Calm down." (Try: "Take your time. Let's breathe for a moment.")
- "Why did you...?" questions that suggest blame.
- "I know how you feel."
- Comments about what the person should have done.

### Scenario

You arrive at an apartment after a report of a domestic assault. The woman who called has a cut lip, her partner is in the kitchen, her two children are watching from the hallway, and a neighbor is filming from the doorway.

1. What are your first three actions to establish safety and privacy?
2. What will you say to the woman in your first minute with her?
3. What choices can you offer her?
""",
                },
                {
                    "title": "Asking questions that help memory",
                    "kind": "video",
                    "estimated_minutes": 15,
                    "body": """## Viewing guide

This video demonstrates the core questioning skills of a trauma-informed interview. These techniques are consistent with research-based approaches such as the cognitive interview, and they aim to get more complete and accurate information while avoiding unnecessary harm.

### Core skills

- **Start open.** "What are you able to tell me about what happened?" lets the person begin where their memory is strongest.
- **Let them talk without interruption.** Take notes, but do not break in with detailed questions during the first account.
- **Follow their order.** Trauma memories may not be chronological. Build the timeline later, from all the information.
- **Use sensory questions.** "What do you remember seeing? Hearing? Smelling? Feeling?" Sensory details are often well preserved.
- **Ask about thoughts and reactions.** "What were you thinking at that moment?" "What was the hardest part?" These often unlock further memory.
- **Avoid "why" questions** about the victim's choices. Ask "Help me understand..." or "What happened next?"
- **Avoid leading and multiple-choice questions** that can contaminate memory, such as "Was it a black car?"
- **Clarify gently at the end.** "You said earlier the door was open. Can you tell me more about that?"
- **Close well.** Thank the person, explain next steps, and invite them to contact you if they remember more.

### Questions after viewing

1. Which of these skills do you already use? Which is hardest to use on a busy shift?
2. Rewrite two questions you often ask at scenes so they are open and non-blaming.
3. How do these techniques support, rather than weaken, a thorough and objective investigation?
""",
                    "captions_vtt": """WEBVTT

00:00:00.000 --> 00:00:08.000
How we ask questions shapes what people can remember, and how much they are willing to share.

00:00:08.000 --> 00:00:17.000
Start with an open invitation: What are you able to tell me about what happened? Then let the person talk without interrupting.

00:00:17.000 --> 00:00:27.000
Trauma memories are often fragmented and out of order. Follow the person's order. You can build the timeline later.

00:00:27.000 --> 00:00:37.000
Ask about the senses: What do you remember seeing, hearing, smelling or feeling? Sensory details are often well preserved.

00:00:37.000 --> 00:00:46.000
Ask about thoughts and reactions: What were you thinking at that moment? What was the hardest part for you?

00:00:46.000 --> 00:00:56.000
Avoid why questions about the victim's choices, such as why didn't you leave. They sound like blame and can shut memory down.

00:00:56.000 --> 00:01:05.000
Avoid leading questions, like was it a black car. They can change what a person remembers.

00:01:05.000 --> 00:01:15.000
Close by explaining next steps, and invite the person to contact you if more comes back. Often it will.
""",
                    "transcript": "How we ask questions shapes what people can remember, and how much they are willing to share. Start with an open invitation: What are you able to tell me about what happened? Then let the person talk without interrupting. Trauma memories are often fragmented and out of order. Follow the person's order. You can build the timeline later. Ask about the senses: What do you remember seeing, hearing, smelling or feeling? Sensory details are often well preserved. Ask about thoughts and reactions: What were you thinking at that moment? What was the hardest part for you? Avoid why questions about the victim's choices, such as why didn't you leave. They sound like blame and can shut memory down. Avoid leading questions, like was it a black car. They can change what a person remembers. Close by explaining next steps, and invite the person to contact you if more comes back. Often it will.",
                },
                {
                    "title": "Special considerations: children, domestic violence and sexual assault",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## Some cases need extra care

Trauma-informed principles apply to every contact, but some situations call for specialized procedures and partners. Know your department's policies and your local resources before you need them.

### Children

- **Limit the initial questioning** of a child who may be a victim of abuse to what is needed to ensure safety and identify the basic allegation. Repeated questioning by different adults can distress children and affect the reliability of their accounts.
- **Use forensic interviewers.** Many communities have a child advocacy center where trained forensic interviewers conduct a single recorded interview, observed by police, prosecutors and child protective services.
- **Use simple, age-appropriate language**, get down to the child's level, and never promise that something will or will not happen to a family member.
- **Remember child witnesses.** Children who see domestic violence or a violent crime are also affected and may need referrals.

### Domestic violence

- **Separate the parties** and interview them out of each other's sight and hearing.
- **Never use the suspect or a child to interpret.** Use a qualified interpreter.
- **Ask about risk.** Many jurisdictions use a lethality or danger assessment; questions about strangulation, threats with weapons and escalating violence help identify victims at high risk.
- **Understand why victims stay or recant.** Fear, financial dependence, children, immigration concerns, love and hope for change are common reasons. Recanting does not mean the violence did not happen.
- **Document thoroughly**, including photographs, excited utterances, 911 recordings and witness statements, so the case does not depend solely on the victim's testimony.

### Sexual assault

- **Believe enough to investigate.** Start from respect and an open mind; let evidence guide conclusions.
- **Offer a medical forensic examination** and an advocate, and explain the process. Where available, examinations are done by specially trained nurses or physicians.
- **Do not require an immediate full statement.** A brief initial account to guide the response, followed by an in-depth interview after the person has rested, often yields better information.
- **Watch for common misconceptions**: that real victims fight back, report immediately, show visible injuries or remember events in order. None of these is reliable.

### Scenario

A college student comes to the front desk two days after a party. She says she thinks she was sexually assaulted but remembers only pieces of the night and feels ashamed that she was drinking.

1. What will you say first?
2. What should happen next, and who should be involved?
3. Which misconceptions might affect how others respond to her, and how will you guard against them?
""",
                },
            ],
            "knowledge_check": {
                "pass_mark": 70,
                "questions": [
                    {
                        "text": "What is the best way to begin a trauma-informed interview with a victim?",
                        "kind": "single",
                        "explanation": "An open invitation followed by uninterrupted listening lets the person begin where their memory is strongest. Detailed, leading or blaming questions at the start reduce the quality of information.",
                        "choices": [
                            ("Ask a series of rapid yes-or-no questions to save time", False),
                            (
                                "Give an open invitation, such as 'What are you able to tell me about what happened?', and let the person talk without interruption",
                                True,
                            ),
                            (
                                "Ask the person to start at the beginning and tell everything in exact chronological order",
                                False,
                            ),
                            ("Point out any inconsistencies immediately", False),
                        ],
                    },
                    {
                        "text": "Questions such as 'Why didn't you leave?' or 'Why didn't you scream?' can feel blaming to a victim and may reduce what they are willing or able to share.",
                        "kind": "true_false",
                        "explanation": "True. 'Why' questions about a victim's choices often sound like judgment. Phrases such as 'Help me understand...' or 'What happened next?' gather the same information without implying blame.",
                        "choices": [("True", True), ("False", False)],
                    },
                    {
                        "text": "Which of the following are trauma-informed practices when responding to a domestic violence call? Select all that apply.",
                        "kind": "multiple",
                        "explanation": "Separating the parties, using a qualified interpreter, asking about risk factors such as strangulation and documenting evidence thoroughly are all good practice. A suspect must never interpret for the victim.",
                        "choices": [
                            (
                                "Interviewing the parties separately, out of each other's sight and hearing",
                                True,
                            ),
                            ("Using a qualified interpreter rather than a family member", True),
                            (
                                "Asking about risk factors such as strangulation and threats with weapons",
                                True,
                            ),
                            (
                                "Letting the suspect interpret for the victim if the victim speaks another language",
                                False,
                            ),
                        ],
                    },
                ],
            },
            "reflection": "Choose a type of call you respond to often. Write the first three things you will say and do on that call from now on to establish safety, transparency and choice, and explain how each one supports both the person and the investigation.",
        },
        # ------------------------------------------------------------------ 3
        {
            "title": "Officer Wellness and Secondary Trauma",
            "summary": "How repeated exposure to trauma affects officers, how to recognize secondary traumatic stress, burnout and moral injury, and what individuals, peers and agencies can do to build resilience.",
            "estimated_minutes": 120,
            "lessons": [
                {
                    "title": "Secondary trauma, burnout and moral injury",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## The cost of caring

Over a career, officers see and hear things most people never encounter: fatal crashes, child deaths, suicides, violent assaults, and the grief of families. Dispatchers, crime-scene technicians and investigators carry similar loads. This exposure has effects, and recognizing them is part of professional competence, not a sign of weakness.

### Terms worth knowing

- **Critical incident stress**: strong reactions after a specific event, such as a shooting, the death of a child or the death of a colleague. Reactions can include intrusive images, trouble sleeping, irritability and feeling numb. For many people these ease over the following weeks with support.
- **Post-traumatic stress disorder (PTSD)**: a diagnosable condition in which symptoms such as intrusive memories, avoidance, negative changes in mood and thinking, and heightened arousal persist and interfere with life. It is treatable.
- **Secondary (vicarious) traumatic stress**: trauma symptoms that develop from repeated exposure to other people's traumatic experiences, for example by interviewing victims or reviewing abuse material.
- **Burnout**: exhaustion, cynicism and a sense of ineffectiveness that come from chronic workplace stress, often driven by workload, shift work, lack of support and organizational problems as much as by traumatic calls.
- **Compassion fatigue**: a reduced capacity to feel empathy for the people you serve, often a combination of secondary trauma and burnout.
- **Moral injury**: distress that follows doing, witnessing or failing to prevent something that violates your own moral code, such as being unable to help a victim, or seeing a colleague abuse someone and staying silent.

### Warning signs

In yourself or a colleague, watch for:

- persistent sleep problems, nightmares or exhaustion;
- irritability, anger or conflict at home and at work;
- withdrawal from family, friends and activities;
- increased alcohol use or other risky behavior;
- cynicism, emotional numbness or loss of empathy for the public;
- intrusive images or avoidance of reminders of particular calls;
- expressions of hopelessness or thoughts of death.

### Why it matters for human rights

An exhausted, numbed or cynical officer is more likely to make poor decisions, lose patience, and see people as problems rather than as human beings. Officer wellness and the protection of the public's rights are closely linked. The UN Basic Principles on the Use of Force and Firearms (1990) recognize this by calling for stress counselling to be made available to officers involved in situations where force is used.

### Discussion

Think about the call from your career that stays with you most. Did anyone check on you afterward? What would have helped?
""",
                },
                {
                    "title": "Building resilience: individual, peer and organizational",
                    "kind": "text",
                    "estimated_minutes": 25,
                    "body": """## Wellness is a shared responsibility

Individual coping skills matter, but they are not enough. Officers stay healthy when the individual, their peers and their agency all do their part. The 2015 Final Report of the President's Task Force on 21st Century Policing made **Officer Wellness and Safety** one of its six pillars, recognizing that officer health is part of effective, rights-respecting policing.

### Individual practices

- **Sleep, exercise and nutrition.** Shift work makes these harder and more important.
- **Decompression routines.** A habit that marks the end of the shift, such as a short walk, changing clothes, or a few minutes of quiet breathing before going into the house.
- **Tactical breathing.** Slow breathing, for example inhaling for a count of four, holding for four, exhaling for four and holding for four, can lower physical stress reactions during and after calls.
- **Connection.** Time with family and friends outside policing, and activities unrelated to the job.
- **Watch your alcohol use**, and be honest with yourself about changes.
- **Ask for help early.** Talking to a counselor is a professional tool, like physical therapy after an injury.

### Peer practices

- **Check on each other** after hard calls, and again days later.
- **Ask directly** if you are worried about suicide: "Are you thinking about killing yourself?" Asking does not put the idea in someone's head; it opens the door to help.
- **Stay with a colleague in crisis** and connect them to help: peer support, the employee assistance program, a chaplain, a clinician, or the **988 Suicide & Crisis Lifeline** (call or text 988).
- **Respect confidentiality** within the limits of your peer support program and safety.

### Organizational practices

- **Peer support teams** that are trained, confidential within clear limits, and trusted.
- **Access to culturally competent clinicians** who understand police work.
- **Critical incident protocols** that include check-ins, time off when needed and follow-up, and that avoid re-traumatizing officers during reviews.
- **Supervisors trained to recognize warning signs** and to respond with support, not stigma.
- **Reasonable workloads and schedules**, and fairness in internal processes, which reduce burnout.
- **Leadership that talks openly about mental health**, including leaders' own use of support.

### Scenario

Three weeks after a fatal crash involving children, an officer on your squad is snapping at colleagues, has called in sick several times and jokes that he is "drinking his dinner."

1. What will you say to him, and where?
2. What resources can you connect him to?
3. What should your supervisor and agency be doing after calls like this?

### Closing

Caring for yourself and your colleagues is not separate from protecting the public. Healthy officers are better able to see every person they meet as a human being with rights and dignity.
""",
                },
            ],
            "knowledge_check": {
                "pass_mark": 70,
                "questions": [
                    {
                        "text": "Seeking help from a counselor or peer support team after traumatic calls is a sign that an officer is not fit for police work.",
                        "kind": "true_false",
                        "explanation": "False. Seeking support is a professional and healthy response to the cumulative stress of police work, much like seeking treatment for a physical injury. Early help reduces long-term harm.",
                        "choices": [("True", False), ("False", True)],
                    },
                    {
                        "text": "What is secondary (vicarious) traumatic stress?",
                        "kind": "single",
                        "explanation": "Secondary traumatic stress is the development of trauma symptoms from repeated exposure to other people's traumatic experiences, such as interviewing victims or responding to their suffering.",
                        "choices": [
                            (
                                "Physical injury sustained during a second use-of-force incident",
                                False,
                            ),
                            (
                                "Trauma symptoms that develop from repeated exposure to other people's traumatic experiences",
                                True,
                            ),
                            ("Stress caused only by paperwork and overtime", False),
                            (
                                "A diagnosis that applies only to people who were physically injured",
                                False,
                            ),
                        ],
                    },
                    {
                        "text": "Which of the following are healthy strategies for managing the stress of police work? Select all that apply.",
                        "kind": "multiple",
                        "explanation": "Decompression routines, tactical breathing, checking on colleagues and using peer support or counseling all build resilience. Relying on alcohol to unwind and isolating from family increase risk.",
                        "choices": [
                            ("An end-of-shift decompression routine", True),
                            ("Tactical breathing during and after stressful calls", True),
                            (
                                "Checking on colleagues after hard calls and connecting them to support",
                                True,
                            ),
                            ("Using alcohol every night to unwind", False),
                            ("Withdrawing from family so they are not burdened", False),
                        ],
                    },
                ],
            },
            "reflection": "Describe one warning sign of stress or secondary trauma you have noticed in yourself or a colleague. What is one concrete step you will take in the next week for your own wellness, and one thing you will do to support a colleague?",
        },
    ],
}


CURRICULA = [
    LEADERSHIP,
    OFFICER_EN,
    OFFICER_ES,
    TRAUMA,
]
