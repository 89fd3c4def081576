/* The NDTi readiness framework's words: its six themes and its 18 self-assessment questions
 * (numbered as the briefing numbers them, three to a theme), each with a short label of the
 * briefing's own words for lists and charts, and the four ratings' names. */
#include "readiness.h"

const char *const readiness_themes[READINESS_THEMES] = {
	"Co-production", "Community Connections", "Impact", "Leadership", "Quality", "Vision",
};

const char *const readiness_levels[READINESS_LEVELS] = {"not yet", "emerging", "developing",
							"established"};

/* clang-format off */
const struct readiness_question readiness_questions[READINESS_QUESTIONS] = {
	{0, "Value of involving community members",
	  "Is there a genuine recognition of the value of involving community members, "
	  "including people with lived experience of services and family carers in "
	  "designing change and an understanding of what this entails regarding working "
	  "differently?"},
	{0, "Culture of trust and joint working",
	  "Is there a culture of trust and joint working between the statutory and third "
	  "sector, local people (including those who draw on services) or, if not, is there "
	  "a recognition of this and a desire to work differently?"},
	{0, "Understanding of co-production",
	  "Is there a local understanding of co-production via the various 'levels' and "
	  "methods and does this approach run through all activity, including "
	  "strategically, at an individual level and within commissioning?"},
	{1, "Principles in strategic corporate plans",
	  "Is there a recognition that the principles that support strengths-based, "
	  "community-led approaches need to be incorporated in strategic corporate plans "
	  "that support communities? Or is it seen in an adult social care or health and "
	  "social care 'box'?"},
	{1, "Relations based on equality",
	  "Are existing relations between statutory services and community groups and third "
	  "sector organisations based on equality or is the council very much in control - "
	  "if so, is there a willingness and recognition that this power imbalance needs to "
	  "change?"},
	{1, "Other departments involved",
	  "Have other departments such as neighbourhoods, communities or housing been "
	  "involved to date? If not, is there a recognition that those teams need to work "
	  "more closely with social care practitioners on the ground?"},
	{2, "Information collated, analysed, acted upon",
	  "Is there a willingness to invest time and effort in ensuring that the pertinent "
	  "information is collated, analysed and acted upon?"},
	{2, "A rounded approach to evidence",
	  "Is there a 'rounded' approach to evidence that includes qualitative and "
	  "quantitative data (including stories and feedback) and is there capacity to "
	  "interpret all of this information to gain multi-dimensional understanding of "
	  "change and impact?"},
	{2, "Performance management and IT engaged",
	  "Are those working in performance management and IT engaged and aware that some "
	  "recording and reporting systems may need to change?"},
	{3, "Local leaders' commitment",
	  "Do local leaders (at a senior enough level) understand and demonstrate "
	  "commitment to a strengths-based, community asset based approach and to the "
	  "principles that underpin these? Do they understand the importance of their role "
	  "in achieving this?"},
	{3, "Willingness to create discomfort",
	  "To what extent is there a willingness to create internal discomfort and "
	  "challenge when needed, for example, is there a recognition of the extent of the "
	  "changes that may be required, the need to release control and nurture innovation "
	  "and for the potential disruption that might be needed?"},
	{3, "A person to lead the change",
	  "Do they have a person (or organisation) in mind who will have the capacity, "
	  "authority and leadership support, particularly from an operational perspective, "
	  "to lead a programme of change of this nature?"},
	{4, "People's experience known",
	  "What is people's experience currently - is this known and is there a recognition "
	  "that the quality of interaction with people and the outcomes they are supported "
	  "to achieve, will need to be continually monitored at various stages and if they "
	  "are using commissioned services?"},
	{4, "Commissioners involved",
	  "Are commissioners involved and is there a recognition that some commissioning "
	  "activities may need to change and that there may need to be a more varied range "
	  "of community-based support available to reflect the outcomes people need to "
	  "achieve?"},
	{4, "Culture of strengths-based practice",
	  "To what extent does a culture of strengths-based practice already exist within "
	  "practice teams? If the culture is not evident do the values of practitioners, "
	  "the language and actions reflect such an approach?"},
	{5, "Embedded in the local vision",
	  "Is this approach embedded in the local vision? Is the council already on a "
	  "journey that this approach will add to? Are there any competing projects or "
	  "initiatives that will be competing for staff or leaders' time? Is there "
	  "transformation-fatigue?"},
	{5, "Joined up vision with partners",
	  "To what extent is there a joined up vision with other partner agencies and "
	  "organisations and is a strengths-based, community-led approach seen to offer "
	  "added value cross-sector?"},
	{5, "A whole system approach",
	  "Is there a readiness to take a whole system approach that encompasses not just "
	  "other council directorates and teams but community partners and other agencies "
	  "in a meaningful joined up way, informed by the voice and experiences of local "
	  "citizens?"},
};
/* clang-format on */
