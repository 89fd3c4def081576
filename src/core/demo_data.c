/* The demo's vocabulary: the names of a mixed UK neighbourhood (many cultures, some written
 * in their own scripts), the assets a connector maps, and what people say matters to them.
 * Phone numbers come from Ofcom's drama range and e-mail from example domains, so nothing
 * here reaches a real person. */
#include "demo.h"

#include <stddef.h>

#define N(a) (sizeof(a) / sizeof(a)[0] - 1)

/* clang-format off */
static const char *const gb_given[] = {
	"Sarah", "James", "Emma", "David", "Chloe", "Thomas", "Margaret", "Peter", "Siobhán",
	"Ciarán", "Aoife", "Jack", "Olivia", "George", "Joan", "Kevin", "Zoë", "Rhys", "Gwen",
	"Dylan", "Megan", "Callum", "Eilidh", "Niamh", "Brian", "Pauline", "Stuart", "Lily", NULL};
/* clang-format on */
/* clang-format off */
static const char *const gb_family[] = {
	"Clarke", "Thompson", "O'Neill", "Walsh", "Roberts", "Evans", "Hughes", "Murphy", "Taylor",
	"Wright", "Jones", "Davies", "Campbell", "MacDonald", "Brennan", "Holloway", "Barker",
	"Fletcher", "Ó Súilleabháin", "Price", NULL};
/* clang-format on */
/* clang-format off */
static const char *const sa_given[] = {
	"Amina", "Ayesha", "Mohammed", "Sarwar", "Farhana", "Rahim", "Nasreen", "Imran", "Priya",
	"Ravi", "Harpreet", "Sunita", "Arjun", "Fatima", "Shahid", "Rubina", "Kiran", "Anjali",
	"আয়েশা", "প্রিয়াঙ্কা", "ਹਰਪ੍ਰੀਤ", "सुनीता", NULL};
/* clang-format on */
/* clang-format off */
static const char *const sa_family[] = {
	"Begum", "Rahman", "Khan", "Hussain", "Ahmed", "Patel", "Sharma", "Singh", "Kaur",
	"Chowdhury", "Akhtar", "Iqbal", "Miah", "Uddin", "Gill", "রহমান", NULL};
/* clang-format on */
/* clang-format off */
static const char *const af_given[] = {
	"Kwame", "Ama", "Chidi", "Ngozi", "Olumide", "Folake", "Abdi", "Hodan", "Marcus", "Leroy",
	"Jerome", "Precious", "Blessing", "Tendai", "Amara", "Kofi", "Sagal", "Delroy", NULL};
/* clang-format on */
/* clang-format off */
static const char *const af_family[] = {
	"Mensah", "Okafor", "Adeyemi", "Osei", "Mohamed", "Farah", "Williams", "Johnson",
	"Baptiste", "Nwosu", "Asante", "Warsame", "Grant", NULL};
/* clang-format on */
/* clang-format off */
static const char *const ee_given[] = {
	"Łukasz", "Agnieszka", "Małgorzata", "Piotr", "Zofia", "Tomasz", "Ioana", "Andrei",
	"Oksana", "Dmytro", "Katarzyna", "Jūratė", "Mindaugas", "Оксана", "Дмитро", NULL};
/* clang-format on */
/* clang-format off */
static const char *const ee_family[] = {
	"Nowak", "Kowalski", "Wiśniewska", "Popescu", "Ionescu", "Kovalenko", "Shevchenko",
	"Kazlauskas", "Horváth", "Коваленко", NULL};
/* clang-format on */
/* clang-format off */
static const char *const me_given[] = {
	"Ahmed", "Layla", "Omar", "Yasmin", "Karim", "Nour", "Samir", "Rania", "Hassan", "Mariam",
	"ليلى", "عمر", "مريم", NULL};
/* clang-format on */
/* clang-format off */
static const char *const me_family[] = {
	"Haddad", "Al-Sayed", "Mansour", "Khalil", "Nasser", "Aziz", "حداد", NULL};
/* clang-format on */
/* clang-format off */
static const char *const ea_given[] = {
	"Wei", "Mei", "Jun", "Li Na", "Hiroshi", "Yuki", "Minh", "Thảo", "Ji-woo", "伟", "芳",
	NULL};
/* clang-format on */
/* clang-format off */
static const char *const ea_family[] = {
	"Chen", "Wang", "Li", "Zhang", "Nguyễn", "Trần", "Tanaka", "Kim", "Park", "李", "王",
	NULL};
/* clang-format on */
/* clang-format off */
static const char *const se_given[] = {
	"José", "María", "Chloé", "João", "Inês", "Giulia", "Marco", "Björn", "Eleni", "Yiannis",
	"Ayşe", "Mehmet", "Noa", "Eitan", "נועה", NULL};
/* clang-format on */
/* clang-format off */
static const char *const se_family[] = {
	"García", "Fernández", "Silva", "Santos", "Rossi", "Bianchi", "Müller", "Papadopoulos",
	"Yılmaz", "Demir", "Cohen", "Levi", NULL};
/* clang-format on */

const struct demo_culture demo_cultures[] = {
	{30, gb_given, N(gb_given), gb_family, N(gb_family), "English"},
	{18, sa_given, N(sa_given), sa_family, N(sa_family), "Bengali, English"},
	{12, af_given, N(af_given), af_family, N(af_family), "English, Somali"},
	{10, ee_given, N(ee_given), ee_family, N(ee_family), "Polish, English"},
	{8, me_given, N(me_given), me_family, N(me_family), "Arabic, English"},
	{7, ea_given, N(ea_given), ea_family, N(ea_family), "Mandarin, English"},
	{6, se_given, N(se_given), se_family, N(se_family), "Portuguese, English"},
};
const size_t demo_ncultures = sizeof demo_cultures / sizeof *demo_cultures;

/* clang-format off */
const char *const demo_neighbourhoods[] = {
	"Northgate",  "Riverside",   "Eastfield",   "Millbrook",   "St Anne's",   "Canal Side",
	"Brickfields", "Hollin Park", "Weavers Row", "Ashby Green", "Tanner's End", "Old Market",
	"Fernhill",   "Kingsmead",   "Westbrook",   "Orchard Vale", "Foundry Lane", "Parkside",
	"Salt Quay",  "Highcross",   "Moorside",    "Chapel Fields", "Lark Rise",  "Gasworks",
	NULL};
/* clang-format on */
const size_t demo_nneighbourhoods = N(demo_neighbourhoods);

/* clang-format off */
static const char *const association[] = {
	"Knit and Natter", "Men's Shed", "Walking Football", "Parent and Toddler Group",
	"Carers' Coffee Morning", "Allotment Society", "Residents' Association", "Youth Club",
	"Bengali Women's Group", "Polish Saturday School", "Chess Club", "Community Choir",
	"Dementia Café", "Running Club", "Repair Café", "Tenants' Association",
	"Somali Parents' Group", "Friends of the Park", "Peer Support Circle", "Book Club",
	"Lunch Club", "Tai Chi Group", "Sewing Circle", "Veterans' Breakfast Club", NULL};
/* clang-format on */
/* clang-format off */
static const char *const institution[] = {
	"GP Surgery", "Library", "Primary School", "Jobcentre", "Citizens Advice", "Food Bank",
	"Housing Office", "Health Centre", "Adult Learning Centre", "Children's Centre",
	"Social Prescribing Team", "Police Community Hub", NULL};
/* clang-format on */
/* clang-format off */
static const char *const space[] = {
	"Community Hall", "Park", "Allotments", "Church Hall", "Community Garden",
	"Leisure Centre", "Canal Towpath", "Community Orchard", "Playing Fields", "Youth Centre",
	NULL};
/* clang-format on */
/* clang-format off */
static const char *const economy[] = {
	"Café", "Time Bank", "Credit Union", "Barber", "Launderette", "Market", "Bakery",
	"Charity Shop", "Pharmacy", "Hardware Shop", "Grocer", "Pub", NULL};
/* clang-format on */
/* clang-format off */
static const char *const culture[] = {
	"Mosque", "Parish Church", "Gurdwara", "Synagogue", "Local History Society",
	"Arts Collective", "Mandir", "Carnival Committee", "Pentecostal Church", "Heritage Trail",
	"Community Radio", "Museum", NULL};
/* clang-format on */
/* clang-format off */
static const char *const individual[] = {
	"gardening help", "guitar lessons", "sewing repairs", "Bengali conversation",
	"bike repairs", "cooking for the lunch club", "computer help", "dog walking",
	"English practice", "lifts to appointments", NULL};
/* clang-format on */

/* weights: how often each category appears, and how strongly it sends and receives
 * referrals (a GP surgery sends many; a food bank receives many). */
const struct demo_category demo_categories[] = {
	{"association", association, N(association), 35, "A group that meets every week."},
	{"institution", institution, N(institution), 15, "A public or voluntary service."},
	{"space", space, N(space), 15, "A place people can use."},
	{"economy", economy, N(economy), 15, "Part of the local economy."},
	{"culture", culture, N(culture), 12, "Faith, heritage and the arts."},
	{"individual", individual, N(individual), 8, "A neighbour's gift, offered to others."},
};
const size_t demo_ncategories = sizeof demo_categories / sizeof *demo_categories;

/* clang-format off */
const char *const demo_streets[] = {
	"Church Lane", "Mill Road", "Station Street", "Victoria Terrace", "Canal Walk",
	"High Street", "Chapel Row", "Park View", "Albert Road", "Queen's Parade", NULL};
/* clang-format on */
const size_t demo_nstreets = N(demo_streets);

/* clang-format off */
const char *const demo_matters[] = {
	"Getting out of the house more", "Seeing my grandchildren", "Gardening and being outdoors",
	"Finding work that uses my skills", "Meeting people who speak my language",
	"Keeping active after my hip operation", "Cooking for others",
	"Music: I used to play in a band", "Making the park safer for the kids",
	"Improving my English", "Helping other carers", "My faith and my community",
	"Walking my dog and meeting people", "Volunteering somewhere I'm useful",
	"Getting my confidence back", "Painting and drawing", "Fixing things",
	"Football on Sunday mornings", "Knitting for the baby unit", "The history of this street",
	NULL};
/* clang-format on */
const size_t demo_nmatters = N(demo_matters);

/* clang-format off */
const char *const demo_hopes[] = {
	"Would love to start a community garden on the estate",
	"Wants to teach young people to cook", "Hopes to find a choir",
	"Would like a job in a kitchen", "Wants to set up a walking group",
	"Would like to share their language with neighbours", NULL};
/* clang-format on */
const size_t demo_nhopes = N(demo_hopes);

/* clang-format off */
const char *const demo_concerns[] = {
	"Feels isolated since moving here", "Worried about the cost of heating",
	"Finds the bus timetable hard", "Anxious in big groups", "Caring full time for a parent",
	"Not much for teenagers to do", NULL};
/* clang-format on */
const size_t demo_nconcerns = N(demo_concerns);

/* clang-format off */
const char *const demo_gifts[] = {
	"Great cook; speaks three languages", "Good with tools; patient teacher",
	"Knows everyone on the street", "Organised the school fete for years",
	"Plays the keyboard", "Warm listener; has been through it", NULL};
/* clang-format on */
const size_t demo_ngifts = N(demo_gifts);

/* clang-format off */
const char *const demo_reasons[] = {
	"Lonely since bereavement", "Wants to get more active", "Needs help with benefits",
	"Looking for volunteering", "Struggling to afford food", "Wants to meet other parents",
	"Wants to use their skills", "Low mood; GP suggested it", NULL};
/* clang-format on */
const size_t demo_nreasons = N(demo_reasons);

/* clang-format off */
const struct demo_tag demo_tags[] = {
	{"gift_head", "bookkeeping"},   {"gift_head", "languages"},  {"gift_head", "local history"},
	{"gift_head", "first aid"},     {"gift_hands", "cooking"},   {"gift_hands", "gardening"},
	{"gift_hands", "sewing"},       {"gift_hands", "carpentry"}, {"gift_hands", "bike repair"},
	{"gift_heart", "listening"},    {"gift_heart", "children"},  {"gift_heart", "older people"},
	{"skill", "IT"},                {"skill", "driving"},        {"skill", "music"},
	{"skill", "interpreting"},      {"passion", "football"},     {"passion", "nature"},
	{"passion", "art"},             {"passion", "faith"},        {"interest", "walking"},
	{"interest", "reading"},        {"interest", "knitting"},    {"topic", "food"},
	{"topic", "loneliness"},        {"topic", "mental health"},  {"topic", "young people"},
	{"topic", "employment"},
};
/* clang-format on */
const size_t demo_ntags = sizeof demo_tags / sizeof *demo_tags;

/* clang-format off */
const char *const demo_workers[][2] = {
	{"rukhsana", "Rukhsana Ali"}, {"dave", "Dave Mercer"},   {"grace", "Grace Okoye"},
	{"tomek", "Tomek Zieliński"}, {"helen", "Helen Marsh"},  {"coordinator", "Jo Bright"},
};
/* clang-format on */
const size_t demo_nworkers = sizeof demo_workers / sizeof *demo_workers;
