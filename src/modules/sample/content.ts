import { correctionsPolicyPath } from '../pages/index.ts';
/**
 * Sample content for Dateline.
 *
 * Everything in this file is invented for demonstration purposes: "The
 * Dateline Gazette", the coastal town of Harbourton and its region, every
 * person quoted, every reader comment and every outlet named as a source.
 * None of it describes real people, organisations or events. All e-mail
 * addresses and URLs use the reserved example domains.
 */

/** A sample comment; replies nest one level or two. */
export interface SampleComment {
  name: string;
  /** Always at example.com, example.org or example.net. */
  email: string;
  /** Optional, https://….example */
  url?: string;
  /** Plain text, one or two short paragraphs separated by a blank line. */
  body: string;
  replies?: SampleComment[];
}

export interface SampleAuthor {
  slug: string;
  name: string;
  bio: string;
  email: string;
  website?: string;
}

export interface SampleArticle {
  /** Kebab-case, unique. */
  slug: string;
  title: string;
  /** One or two sentences. */
  standfirst: string;
  /** Markdown, 4–7 paragraphs. */
  body: string;
  /** Author slugs, 1 or 2. */
  authors: string[];
  /** The primary section's slug, one of sampleSections. */
  section: string;
  /** Tag names, 1–3 each. */
  tags: string[];
  /** The (fictional) outlet whose report this story is based on. */
  source?: { name: string; url: string };
  /** ISO 8601 UTC. */
  publishedAt: string;
  /** Later than publishedAt, when present. */
  updatedAt?: string;
  comments?: SampleComment[];
}

/** A section of the sample paper; a `parent` files it under a top-level one. */
export interface SampleSection {
  slug: string;
  name: string;
  description: string;
  parent?: string;
}

/** The Gazette's desks, parents first. */
export const sampleSections: SampleSection[] = [
  { slug: 'news', name: 'News', description: 'What happened in Harbourton and around the bay.' },
  {
    slug: 'politics',
    name: 'Politics',
    description: 'The town council, its committees and the decisions they take.',
    parent: 'news',
  },
  {
    slug: 'local',
    name: 'Local',
    description: 'Streets, schools, weather and the people of the town.',
    parent: 'news',
  },
  { slug: 'business', name: 'Business', description: 'Shops, the quay and the jobs they make.' },
  { slug: 'sport', name: 'Sport', description: 'Clubs, races and results from Harbourton.' },
  { slug: 'culture', name: 'Culture', description: 'Music, museums, books and the arts.' },
  { slug: 'opinion', name: 'Opinion', description: "The Gazette's columnists make their case." },
];

export const sampleAuthors: SampleAuthor[] = [
  {
    slug: 'mara-lindqvist',
    name: 'Mara Lindqvist',
    bio: 'Mara Lindqvist covers City Hall and local politics for The Dateline Gazette. She has sat through more than a decade of Harbourton council meetings and still takes her notes in shorthand.',
    email: 'mara.lindqvist@example.com',
    website: 'https://mara-lindqvist.example',
  },
  {
    slug: 'tomas-okafor',
    name: 'Tomas Okafor',
    bio: "Tomas Okafor is the Gazette's transport and harbour reporter. Before joining the paper he worked as a deckhand on the Gull Island ferry, which he says taught him more about timetables than any press release.",
    email: 'tomas.okafor@example.com',
  },
  {
    slug: 'priya-castellan',
    name: 'Priya Castellan',
    bio: "Priya Castellan writes about culture, schools and the arts in Harbourton and along the coast. She compiles the Gazette's weekly what's-on listings and sings, by her own account badly, in a community choir.",
    email: 'priya.castellan@example.com',
    website: 'https://priya-castellan.example',
  },
  {
    slug: 'declan-morrow',
    name: 'Declan Morrow',
    bio: 'Declan Morrow covers sport, the environment and the weather, which in Harbourton often turn out to be the same story. He cycles to the office from Pellow Cove in every season.',
    email: 'declan.morrow@example.com',
  },
  {
    slug: 'ines-achterberg',
    name: 'Ines Achterberg',
    bio: "Ines Achterberg is the Gazette's business reporter, following the town's shops, boatyards and fishing economy. She previously edited a trade magazine for small food producers.",
    email: 'ines.achterberg@example.com',
    website: 'https://ines-achterberg.example',
  },
];

export const sampleArticles: SampleArticle[] = [
  {
    slug: 'council-draft-budget-roads-libraries',
    section: 'politics',
    title: "Council's draft budget puts roads and libraries first",
    standfirst:
      'Harbourton Town Council has published a draft budget that shifts money towards pothole repairs and longer library opening hours. Residents have until mid-October to comment.',
    body: `The draft budget published by Harbourton Town Council on Monday evening proposes total spending of £41.2 million next year, a rise of about 3 per cent on the current year. The largest single increase goes to highway maintenance, which would receive an extra £620,000 for resurfacing and pothole repairs.

"We have heard the same message at every ward meeting," said Councillor Hester Vane, who leads the council. "People want the roads they drive and cycle on every day to be in decent shape before we think about anything new."

## Libraries and leisure

The central library on Marsh Lane would stay open until 8pm on Tuesdays and Thursdays under the plan, and the mobile library van would add a fortnightly stop at the Upper Quarry estate. The leisure centre's swimming pool, which needs a new filtration system, is earmarked for £280,000 of capital spending.

To balance the books, the council proposes a 2.9 per cent rise in its share of council tax, equivalent to roughly 78p a week for a typical household. Garden waste collection charges would also go up by £4 a year.

Opposition councillors said they would scrutinise the detail. Councillor Rolf Amadi, who sits on the finance committee, welcomed the road funding but questioned whether the longer library hours could be staffed without creating extra posts.

The consultation runs until 16 October. Residents can respond online, at any library, or by post to the Town Hall. A final vote is expected at the full council meeting in December.`,
    authors: ['mara-lindqvist'],
    tags: ['City Hall'],
    publishedAt: '2026-09-01T07:45:00.000Z',
    comments: [
      {
        name: 'Harold Bexley',
        email: 'harold.bexley@example.com',
        body: 'Pleased to see road repairs at the top of the list. Our street has had the same pothole since Easter, and it now has its own ecosystem.',
      },
      {
        name: 'Imogen Sayle',
        email: 'imogen.sayle@example.org',
        body: 'Longer library hours are welcome, but Councillor Amadi has a point about staffing. Who will actually run the extra evenings?',
        replies: [
          {
            name: 'Frank Oduya',
            email: 'frank.oduya@example.net',
            body: "Volunteers, probably. Which works for a while, until it doesn't.",
          },
        ],
      },
    ],
  },
  {
    slug: 'ferry-winter-timetable-gull-island',
    section: 'local',
    title: 'Winter ferry timetable trims late sailings to Gull Island',
    standfirst:
      'Gull Island Ferries will drop its 10.15pm crossing from November to March, but is adding an early-morning sailing for commuters.',
    body: `Passengers travelling between Harbourton and Gull Island will have one fewer evening option this winter, after the ferry operator confirmed its seasonal timetable.

From 1 November, the last sailing from the Harbourton slipway will leave at 8.45pm rather than 10.15pm. Gull Island Ferries said passenger numbers on the late crossing fell below a dozen on most winter nights last year, and that the crew hours were better used elsewhere.

In exchange, a new 6.10am departure from the island will give commuters and students an earlier arrival on the mainland, at 6.40am. The operator said it had received a steady stream of requests from islanders who work early shifts at the hospital and the fish market.

Islanders are split. Dorrie Fenwick, who runs the island's post office, said the early boat would make a real difference to her son, who starts work at seven. Others worry about their evenings. "If you go to the cinema in town, you now have to leave before the film ends," one resident told Tuesday's island community meeting.

The operator says it will run an extra late sailing on the Friday and Saturday of the Harbourton winter market, and on New Year's Eve. Fares are unchanged, and the monthly season ticket remains £54.

Printed timetables will be available from the ticket office and the island shop from next week.`,
    authors: ['tomas-okafor'],
    tags: ['Transport', 'Harbour'],
    publishedAt: '2026-09-03T10:15:00.000Z',
  },
  {
    slug: 'pennock-street-primary-library-reopens',
    section: 'local',
    title: 'Pennock Street Primary library reopens after summer refit',
    standfirst:
      'Pupils returned to a brighter, bigger school library this week, paid for largely by two years of parent fundraising.',
    body: `When the pupils of Pennock Street Primary came back from the summer holidays, the first room many of them asked to see was the library.

The old reading room, a narrow space squeezed beside the school hall, has been knocked through into a disused storeroom to create a library almost twice the size. New low shelving means the youngest children can reach every book on their own, and a carpeted reading corner sits beneath a window looking out towards the harbour.

The £38,000 project was paid for mostly by the school's parents' association, which spent two years running cake sales, a sponsored swim and a quiz night that has since become a fixture of the town calendar. A grant from the Harbourton Education Trust covered the rest.

Head teacher Lorna Beckett said the change was about more than space. "A library should feel like somewhere you choose to go, not somewhere you're sent," she said. "Already we have children queuing at the door at lunchtime."

The school has also added about 900 new titles, chosen partly by a committee of Year 5 and Year 6 pupils. Graphic novels, books about the sea and a shelf of stories in Polish and Portuguese, the two most common home languages after English, were high on their list.

Parents are invited to an open afternoon on 19 September, when pupils will give the tours.`,
    authors: ['priya-castellan'],
    tags: ['Education'],
    publishedAt: '2026-09-05T08:00:00.000Z',
  },
  {
    slug: 'inner-harbour-dredging-october',
    section: 'local',
    title: 'Dredging of the inner harbour to begin in October',
    standfirst:
      'The harbour authority says silt has built up to the point where some fishing boats can only leave at high tide. The work is expected to last six weeks.',
    body: `Work to remove an estimated 18,000 cubic metres of silt from Harbourton's inner harbour will begin in the second week of October, the harbour authority has confirmed.

Harbour master Colm Reddish said the channel between the fish quay and the outer breakwater had become shallow enough to cause real problems. "We have boats that can only get out two hours either side of high water," he said. "For a working fleet, that means lost fishing days."

The dredger will work mainly at night to avoid disrupting daytime traffic, and the authority has promised to keep noise below agreed limits near the homes on Ropewalk Terrace.

## Where the silt goes

Under the licence granted for the work, clean material will be taken to an approved offshore site beyond Corrow Head. Samples taken in the spring found no contamination above permitted levels, the authority said, though a small area near the old slipway will be tested again before work starts.

The local group Friends of the Estuary said it was broadly satisfied with the plans but wanted water clarity monitored near the seagrass beds south of the harbour mouth. The authority has agreed to publish weekly readings while the dredger is working.

Mooring holders in the affected area will be moved temporarily to pontoons on the east side, and letters have gone out to all of them this week. The project is expected to cost £1.1 million, shared between the harbour authority and a regional coastal fund.`,
    authors: ['tomas-okafor'],
    tags: ['Harbour', 'Environment'],
    source: {
      name: 'Coastal Radio North',
      url: 'https://coastalradionorth.example/news/harbourton-dredging-date-set',
    },
    publishedAt: '2026-09-08T06:30:00.000Z',
  },
  {
    slug: 'salt-and-crumb-bakery-opens-quay-street',
    section: 'business',
    title: 'New bakery opens on Quay Street with a 6am start',
    standfirst:
      "A former ship's cook has turned an empty chandlery into a bakery, and the early queues suggest the town was ready for one.",
    body: `There was a queue outside 14 Quay Street before the lights were even on last Saturday, as Harbourton's newest bakery opened its doors for the first time.

Salt & Crumb is the work of Anwen Doyle, who spent eleven years cooking on supply vessels before deciding she wanted to stay on dry land. The building, a former chandlery that had stood empty for more than a year, has been stripped back to its original brick walls, with the ovens visible behind a glass counter.

"On a ship you bake bread every day whether anyone notices or not," Doyle said. "Here people actually come in and tell you what they think, which is lovely and slightly terrifying."

The menu is short: sourdough loaves, a seeded rye, cinnamon buns, and a savoury pastry filled with smoked fish from the market across the road. Doyle plans to add soup at lunchtime once winter sets in.

The bakery opens at 6am from Tuesday to Sunday, partly with fishermen and early-shift workers in mind. It employs four people, two of whom were hired through the town's job centre.

Neighbouring traders welcomed the arrival. Ed Pascoe, who runs the hardware shop two doors along, said footfall on the street had already picked up. "Anything that gets people walking down Quay Street instead of straight past it is good for all of us," he said.`,
    authors: ['ines-achterberg'],
    tags: ['Business'],
    publishedAt: '2026-09-10T09:20:00.000Z',
  },
  {
    slug: 'lower-town-flood-drill',
    section: 'local',
    title: 'Lower Town takes part in its first full flood drill',
    standfirst:
      'Around 300 residents, the fire service and council staff rehearsed an evacuation of the streets nearest the river on Saturday morning. Organisers said it went well, with lessons to learn.',
    body: `Sirens sounded across Lower Town at 9am on Saturday as Harbourton held its first full-scale flood exercise, rehearsing what would happen if the River Tamsey burst its banks during a high spring tide.

About 300 residents took part, walking from their homes to the designated rest centre at St Brannock's church hall, where volunteers registered them and handed out tea. Council staff tested the door-to-door alert system, while the fire service practised pumping water from a mock-flooded basement on Tanner's Row.

The drill was planned after the near-miss of two winters ago, when the river came within a few centimetres of the top of the flood wall. "We were lucky that night," said Councillor Hester Vane. "Luck isn't a plan."

## What went well, and what didn't

Organisers said the rest centre filled more quickly than expected, and that the text-message alert reached 91 per cent of registered phones within five minutes. But several residents said they had not heard the siren at all from the back of their houses, and the route signs on Chandler Street were hidden by parked vans.

Every elderly resident who had asked for help to leave was reached, though one volunteer team went to the wrong address because of an out-of-date list. The council said it would update the register before winter.

A report on the exercise will go to the council's environment committee in November. Residents who want to join the flood alert list can sign up at the Town Hall or by phone.`,
    authors: ['mara-lindqvist', 'declan-morrow'],
    tags: ['Environment', 'City Hall', 'Weather'],
    publishedAt: '2026-09-12T14:05:00.000Z',
    comments: [
      {
        name: 'Gwen Hollis',
        email: 'gwen.hollis@example.org',
        body: `We're on Tanner's Row, and the siren was fine from the front bedroom but completely inaudible from the kitchen. Glad they're looking at it.

The tea at the church hall was excellent, for what it's worth.`,
        replies: [
          {
            name: 'Arthur Penhallow',
            email: 'arthur.penhallow@example.net',
            body: 'Same on Chandler Street. Maybe a second siren near the old mill would cover the back streets?',
            replies: [
              {
                name: 'Gwen Hollis',
                email: 'gwen.hollis@example.org',
                body: "That would make sense. I'll raise it at the next residents' meeting.",
              },
            ],
          },
        ],
      },
      {
        name: 'Samir Qureshi',
        email: 'samir.qureshi@example.com',
        body: 'Good to see this happening before a real flood rather than after one.',
      },
    ],
  },
  {
    slug: 'coast-road-classic-record-field',
    section: 'sport',
    title: 'Coast Road Classic draws a record field of 340 riders',
    standfirst:
      'The annual cycle race along the cliffs north of Harbourton was settled in a sprint on the promenade, and rolling road closures drew far fewer complaints than last year.',
    body: `A record 340 riders lined up on Sunday morning for the eleventh Coast Road Classic, the 96-kilometre race that loops from Harbourton's promenade up through the cliff villages and back again.

The men's race came down to a sprint along the seafront, where Joss Ellery of the Brackwater Wheelers edged out two riders from a club further up the coast. The women's race was decided much earlier, on the steep climb out of Pellow Cove, where Freya Tanaka rode clear and finished almost two minutes ahead.

"That climb hurts every single year," Tanaka said afterwards, still catching her breath. "You just have to hope it hurts everyone else more."

The sportive, for riders who want to complete the route without racing, attracted another 210 people, including a group of nurses and porters from the town's hospital who raised money for the children's ward.

Organisers had worked with the council to shorten road closures this year. Instead of shutting the coast road for the whole morning, marshals used rolling closures that moved with the race. Only four complaints were received, compared with more than thirty last year, according to the council.

There were two minor crashes and no serious injuries. Volunteers from Harbourton Cycling Club staffed the feed stations, and the lifeboat crew ran a barbecue at the finish, raising £1,400. The organisers hope to add a junior race next year.`,
    authors: ['declan-morrow'],
    tags: ['Sport', 'Transport'],
    publishedAt: '2026-09-13T17:40:00.000Z',
  },
  {
    slug: 'maritime-museum-rope-makers-exhibition',
    section: 'culture',
    title: "Maritime museum tells the story of the town's rope-makers",
    standfirst:
      'A new exhibition at the Harbourton Maritime Museum brings together tools, photographs and recorded memories from the ropewalk that once employed hundreds.',
    body: `For more than a century, the long, low building on Ropewalk Terrace was where Harbourton made the ropes that held its ships together. A new exhibition at the Maritime Museum, which opened on Friday, sets out to make sure the town does not forget it.

*Twisted Together* fills two galleries with objects gathered over three years: wooden spinning wheels, hooks, a tar bucket still sticky after sixty years, and hundreds of photographs donated by the families of former workers.

At the heart of the exhibition is a set of recorded interviews. Curator Isolde Marsh spent months visiting people who worked at the ropewalk before it closed, or whose parents did. Visitors can sit on a bench and listen to them describe the heat of the tar house, the long walk up and down the 300-metre floor, and the dances held in the loft on Friday nights.

"Most of the people I spoke to said nobody had ever asked them about it," Marsh said. "They assumed it was too ordinary to matter. It turns out ordinary is exactly what people want to hear about."

Children can try twisting a short length of rope on a working replica, and a trail through the galleries has been designed for families.

The exhibition runs until the end of March. Entry is free for Harbourton residents, and the museum is open daily except Mondays.`,
    authors: ['priya-castellan'],
    tags: ['Culture', 'Harbour'],
    publishedAt: '2026-09-18T11:00:00.000Z',
  },
  {
    slug: 'jazz-weekend-returns-to-bandstand',
    section: 'culture',
    title: 'Harbourton Jazz Weekend returns to the bandstand',
    standfirst:
      "After two years in a marquee on a car park, the town's jazz festival is moving back to the restored seafront bandstand for its autumn edition.",
    body: `The Harbourton Jazz Weekend will return to its original home this October, with concerts on the newly restored bandstand in Promenade Gardens for the first time in three years.

The festival moved to a marquee on the Westcliff car park while the Victorian bandstand was repaired. The work, which included new cast-iron columns and a replacement roof, finished in August.

"Everyone who has played here says the bandstand has something the marquee never did," said festival director Bram Oyelaran. "You hear the sea between numbers. You can't book that."

This year's programme runs from Friday 9 to Sunday 11 October. Highlights include the Tidewater Big Band, a seventeen-piece group made up mostly of local teachers; a late-night set from pianist Celia Varga-Hart in the Anchor Rooms; and a Sunday afternoon session for school jazz bands from across the region.

Most of the bandstand concerts are free. Ticketed evening events in the Anchor Rooms cost £12, with concessions for students.

The organisers have also tackled one of the most common complaints from previous years. Extra seating will be put out on the lawn, and a covered area near the kiosk will offer some shelter if the weather turns, as it often does in October.

Volunteers are still needed for stewarding and bar shifts, and can sign up through the festival's website.`,
    authors: ['priya-castellan'],
    tags: ['Culture'],
    source: {
      name: 'Harbourton Evening Post',
      url: 'https://eveningpost.example/whats-on/jazz-weekend-back-on-the-bandstand',
    },
    publishedAt: '2026-09-20T08:45:00.000Z',
  },
  {
    slug: 'tansy-row-community-garden-doubles',
    section: 'local',
    title: 'Tansy Row community garden doubles its plots',
    standfirst:
      'A strip of unused council land next to the allotments has been handed to the volunteers behind Tansy Row garden, clearing most of the waiting list.',
    body: `The waiting list for a plot at the Tansy Row community garden has been cut from 64 names to just nine, after the council agreed to lease a neighbouring strip of land to the group for a nominal £1 a year.

The garden started six years ago with twelve raised beds on a patch of wasteland behind the old bus depot. It now has 48 plots, a polytunnel, a composting area and a shed that doubles as a tool library.

Volunteers spent four weekends in September clearing brambles and building the new beds. Among the additions:

- eight wheelchair-accessible raised beds
- a shared orchard of twelve apple and pear trees
- a rainwater harvesting system fed from the shed roof
- a strip of wildflower meadow along the railway fence

Garden coordinator Ruth Abernathy said the project had always been about more than vegetables.

> "Half the people who come here could buy their carrots cheaper at the supermarket. They come because they want to talk to someone over the fence, and because it's good to have soil on your hands after a week of screens."

The garden runs open sessions every Saturday morning for anyone who wants to help without taking on a plot, and pupils from Pennock Street Primary visit once a fortnight to tend a bed of their own.

Plot holders pay £15 a year, with reduced rates for people on low incomes. Details, including how to join the waiting list, are on the [Tansy Row garden website](https://tansyrowgarden.example/join).`,
    authors: ['declan-morrow'],
    tags: ['Environment', 'Community'],
    publishedAt: '2026-09-23T07:30:00.000Z',
    comments: [
      {
        name: 'Maggie Quarrell',
        email: 'maggie.quarrell@example.com',
        url: 'https://maggiegrows.example',
        body: "I've had a plot for three years and it's the best thing I've done since retiring. The accessible beds are a brilliant idea.",
        replies: [
          {
            name: 'Ruth Abernathy',
            email: 'ruth.abernathy@example.org',
            body: 'Thank you, Maggie! And thank you again for the rhubarb crowns you donated in the spring.',
          },
        ],
      },
      {
        name: 'Pete Galloway',
        email: 'pete.galloway@example.net',
        body: 'Any plans for a water tap on the new side? Carrying cans from the old standpipe is a long walk in August.',
        replies: [
          {
            name: 'Ruth Abernathy',
            email: 'ruth.abernathy@example.org',
            body: 'Yes, a second standpipe is going in before spring.',
          },
        ],
      },
    ],
  },
  {
    slug: 'route-7-buses-every-20-minutes',
    section: 'politics',
    title: 'Route 7 buses to run every 20 minutes from November',
    standfirst:
      "Harbourton's busiest bus route will become more frequent on weekdays, paid for with a regional transport grant. Evening services stay hourly.",
    body: `Buses on Route 7, which links the railway station, the town centre and the Upper Quarry estate, will run every 20 minutes on weekdays from 3 November, up from every half hour.

The change is funded by a two-year grant from the regional transport board and was approved by the council's transport committee on Wednesday. Coastline Buses, which runs the route under contract, will add two vehicles and recruit four drivers.

Route 7 carries about 4,200 passengers on a typical weekday. Surveys carried out in the spring found that buses were often full by the time they reached the hospital stop during the morning peak.

"This is the route people rely on to get to work, to school and to hospital appointments," said Councillor Nadia Ferreira, who chairs the transport committee. "Making it more frequent is the simplest thing we can do to get more people on the bus."

Not everyone is satisfied. Buses after 7pm will stay hourly, and Sunday services are unchanged. Residents of Upper Quarry have campaigned for a later last bus, currently 10.40pm from the station, which they say leaves hospital night staff stranded.

The council said it would review evening demand next year, once it could see how the daytime changes affected passenger numbers. New timetables will be posted at stops in the last week of October.`,
    authors: ['tomas-okafor'],
    tags: ['Transport', 'City Hall'],
    publishedAt: '2026-09-25T13:20:00.000Z',
    comments: [
      {
        name: 'Lewis Ambrose',
        email: 'lewis.ambrose@example.com',
        body: "Great news for the morning run. Now please sort out the 10.40. I finish at eleven and it's a taxi every time.",
        replies: [
          {
            name: 'Janet Kowalczyk',
            email: 'janet.kowalczyk@example.org',
            body: "Same here at the hospital. We've written to the committee twice now.",
          },
        ],
      },
      {
        name: 'Oona Radley',
        email: 'oona.radley@example.net',
        body: 'Will the extra buses have proper space for pushchairs? The current ones only fit one at a time.',
      },
    ],
  },
  {
    slug: 'wrenna-point-lighthouse-appeal',
    section: 'culture',
    title: 'Trust launches appeal to restore Wrenna Point lighthouse',
    standfirst:
      'The 170-year-old lighthouse has been closed to visitors since storm damage in the spring. A local trust needs £450,000 to reopen it.',
    body: `A campaign to raise £450,000 to restore the lighthouse at Wrenna Point was launched on Saturday, with volunteers handing out leaflets on the harbour front and a fundraising page going live the same morning.

The white tower, which stands on the headland north of the harbour, was built in the 1850s and automated decades ago. The light itself still works and is maintained by the lighthouse authority, but the tower, the keepers' cottages and the walled garden belong to the Wrenna Point Trust, a charity formed by local residents.

Storms in March cracked part of the lantern gallery and damaged the roof of the larger cottage. The site has been closed to visitors since, ending guided tours that drew more than 9,000 people last year.

"It's the first thing you see coming home on the ferry and the last thing you see leaving," said trust chair Malcolm Ives. "People feel very strongly about it, and we're hoping that turns into donations."

The trust plans to repair the gallery and roof, repaint the tower, and turn the smaller cottage into a visitor centre with displays about the keepers and their families. It has applied for a heritage grant which, if successful, would cover around half the cost.

Donations can be made at the Maritime Museum, the harbour office or online. A sponsored walk from the harbour to the point is planned for late October.`,
    authors: ['mara-lindqvist'],
    tags: ['Harbour', 'Culture', 'Community'],
    source: {
      name: 'The Saltmarsh Courier',
      url: 'https://saltmarshcourier.example/2026/09/wrenna-point-appeal',
    },
    publishedAt: '2026-09-26T16:00:00.000Z',
  },
  {
    slug: 'chess-club-moves-to-central-library',
    section: 'local',
    title: 'Chess club finds a new home at the central library',
    standfirst:
      'After losing its room above the Anchor, the Harbourton Chess Club now meets among the bookshelves on Wednesday evenings, and membership is growing.',
    body: `For nearly forty years, the Harbourton Chess Club met in the function room above the Anchor. When the pub changed hands in the summer and the room was converted into holiday flats, members feared they might have played their last game together.

They need not have worried. The central library on Marsh Lane offered its community room on Wednesday evenings, free of charge, as part of its plan to open later.

"We went from a room with a sticky carpet and a jukebox downstairs to one with good lighting and silence," said club secretary Dennis Olowe, a member since 1991. "Some of the older members claim their rating has gone up twenty points just from being able to concentrate."

The move has brought new faces too. About a dozen people have joined in the past month, several of them teenagers who wandered in after homework club. The club now runs a beginners' table for the first hour of each session, with boards and clocks provided.

Librarian Tess Haverford said the arrangement suited everyone. "Libraries are meant to be places where people do things together," she said. "A room full of people thinking hard in silence is quite a library-ish thing, really."

The club plays in the regional league and hopes to enter a second team next season. Sessions start at 6.30pm, and newcomers of any standard are welcome.`,
    authors: ['priya-castellan'],
    tags: ['Community', 'Education'],
    publishedAt: '2026-09-30T09:00:00.000Z',
  },
  {
    slug: 'wettest-september-in-a-decade',
    section: 'local',
    title: 'September was the wettest in a decade, says weather station',
    standfirst:
      'The volunteer-run weather station on Signal Hill recorded 164mm of rain last month, almost double the long-term average.',
    body: `If it felt as though it never stopped raining in September, the figures agree. The weather station on Signal Hill, run by volunteers from the Harbourton Natural History Society, recorded 164 millimetres of rain during the month, the highest September total in ten years and nearly twice the thirty-year average.

The wettest day was 17 September, when 38mm fell in less than twelve hours, flooding the underpass beneath the railway and closing the lane to Pellow Cove for an afternoon.

Station coordinator Harriet Lund, a retired geography teacher, has been taking readings since 1998. She said the month was unusual less for its total than for the way the rain fell.

"We used to get long, steady drizzle in autumn," she said. "This year we had short, very heavy bursts. That's much harder for drains to cope with, and it's what caused most of the flooding complaints."

Temperatures were close to normal, averaging 14.2 degrees, and there were only six days with no measurable rain. Winds were unremarkable until the final weekend, when gusts reached 72km/h on the hill.

The council said its highways team had cleared 340 blocked gullies during the month, and asked residents to report blocked drains through its online form.

Lund's monthly summaries are posted in the library and on the society's noticeboard outside the post office. She is looking for a second volunteer to help with the readings over the winter.`,
    authors: ['declan-morrow'],
    tags: ['Weather', 'Environment'],
    publishedAt: '2026-10-02T07:15:00.000Z',
    comments: [
      {
        name: 'Colin Ashdown',
        email: 'colin.ashdown@example.com',
        body: `Our garden agrees. The lawn has been a pond since the 17th.

Thanks to Harriet for keeping the station going all these years.`,
      },
      {
        name: 'Priyanka Rao',
        email: 'priyanka.rao@example.org',
        body: "I'd happily help with the readings. Is there a contact?",
        replies: [
          {
            name: 'Harriet Lund',
            email: 'harriet.lund@example.net',
            body: "Thank you! Leave your number at the library desk and I'll give you a ring.",
          },
        ],
      },
    ],
  },
  {
    slug: 'fish-market-extends-saturday-hours',
    section: 'business',
    title: 'Fish market extends Saturday hours after successful trial',
    standfirst:
      'Stalls at the harbour fish market will now stay open until 2pm on Saturdays, after a summer trial brought in more shoppers than expected.',
    body: `The Harbourton fish market will stay open until 2pm on Saturdays all year round, traders agreed this week, after a summer trial of longer hours proved more popular than anyone had predicted.

Until June, the market on the east quay closed at 11am, a habit dating from the days when most of the catch was sold to wholesalers before dawn. The later closing was introduced for the school holidays, mainly to catch tourists, but traders found that local families were using it too.

"We always assumed people in town came early or not at all," said Kit Brennan, whose family has sold shellfish from the same stall for three generations. "It turns out a lot of them just couldn't get here before eleven with kids and football and everything else."

According to the market's own figures, Saturday takings rose by around a quarter during the trial. A food van selling fish wraps and chowder, allowed on the quay for the first time, will stay on through the winter.

The harbour authority, which owns the market building, has agreed to keep the public toilets on the quay open later and to add two more disabled parking bays.

Not every stallholder will stay until two. Some owners of the smaller boats, who both fish and sell, say they will still pack up earlier in the colder months, and the market committee said shoppers should expect a smaller choice in the final hour.`,
    authors: ['ines-achterberg'],
    tags: ['Business', 'Harbour'],
    publishedAt: '2026-10-05T10:40:00.000Z',
  },
  {
    slug: 'seaview-hotel-flats-decision-deferred',
    section: 'politics',
    title: 'Planning committee defers decision on seafront flats',
    standfirst:
      'Councillors asked for more information on flood risk and parking before deciding on plans for 46 flats on the site of the former Seaview Hotel.',
    body: `A decision on plans to build 46 flats on the site of the former Seaview Hotel was postponed on Tuesday night, after members of Harbourton's planning committee said they needed more information before voting.

The application, from developer Marram Estates, would replace the hotel, empty for six years, with a five-storey building and two ground-floor shops facing the promenade. Eleven of the flats would be offered as affordable homes.

More than 120 people wrote to the council about the scheme, most of them objecting. Their concerns centred on the height of the building, the loss of sea views from the streets behind it, and the effect on parking in an area that is already crowded in summer.

Committee members raised two further questions. The site lies within the area that would flood in an extreme tide, and several councillors said the developer's flood assessment did not explain how residents would leave the building in an emergency. Others asked why only 38 parking spaces were proposed for 46 homes.

"Nobody on this committee is against new homes on that site," said committee chair Owen Prideaux. "That building has been boarded up for years and it's an eyesore. But we need to be sure we're approving something that works."

A spokesperson for the developer said the company would provide the information requested and was "confident the scheme can address the committee's concerns". The application is expected to return in December.`,
    authors: ['mara-lindqvist'],
    tags: ['City Hall'],
    source: {
      name: 'Harbourton Evening Post',
      url: 'https://eveningpost.example/news/seaview-flats-decision-put-off',
    },
    publishedAt: '2026-10-07T08:10:00.000Z',
    comments: [
      {
        name: 'Bernard Lusk',
        email: 'bernard.lusk@example.com',
        body: 'Five storeys is far too high for that stretch of the front. Four and it would be fine.',
        replies: [
          {
            name: 'Ellie Marchetti',
            email: 'ellie.marchetti@example.net',
            body: "I'd rather have five storeys and more affordable homes than an empty building for another six years.",
            replies: [
              {
                name: 'Bernard Lusk',
                email: 'bernard.lusk@example.com',
                body: "Fair point. I'd just like to see the affordable share go up if they get the extra floor.",
              },
            ],
          },
        ],
      },
      {
        name: 'Dev Sandhu',
        email: 'dev.sandhu@example.org',
        body: 'Good on the committee for asking about evacuation. That end of the seafront was under water two winters ago.',
      },
    ],
  },
  {
    slug: 'rowing-club-sweeps-autumn-regatta',
    section: 'sport',
    title: 'Harbourton Rowing Club sweeps the autumn regatta',
    standfirst:
      "Home crews won seven of the ten races at Saturday's regatta in the outer harbour, including the senior women's coxed four.",
    body: `Harbourton Rowing Club had its most successful regatta in living memory on Saturday, winning seven of the ten races on a calm, bright morning in the outer harbour.

Around 160 rowers from six clubs along the coast took part in the annual autumn regatta, which uses traditional fixed-seat gigs rather than modern racing shells. The course runs from the breakwater light to the fish quay, a distance of just over two kilometres.

The highlight for the home crowd was the senior women's coxed four, in which the Harbourton crew came from third place at the halfway buoy to win by a boat length. Stroke Niamh Corliss said the crew had trained through the wet September "mainly out of stubbornness".

The club's veteran men, whose combined age is 241, also won their race, to loud applause from the harbour wall. "We're not quick, but we're very experienced at being slow in a straight line," said cox Albie Renshaw.

Junior rowers won three events, which club captain Sadia Mirza called the most encouraging result of the day. The club has run a taster programme with Kestrel Bay Academy for the past two years, and several of Saturday's winners joined that way.

The harbour master closed the outer harbour to other traffic for four hours during the event. The club thanked the lifeboat crew, who provided safety cover, and the fish market traders who cleared space on the quay for the boats.`,
    authors: ['declan-morrow'],
    tags: ['Sport', 'Harbour'],
    publishedAt: '2026-10-10T18:25:00.000Z',
  },
  {
    slug: 'kestrel-bay-academy-breakfast-club',
    section: 'local',
    title: 'Kestrel Bay Academy opens free breakfast club to all pupils',
    standfirst:
      "Harbourton's largest secondary school is offering a free breakfast to every student before lessons, after a term-long trial with Year 7.",
    body: `Every student at Kestrel Bay Academy can now get a free breakfast before school, after a trial with the youngest year group was judged a success.

The breakfast club runs in the school canteen from 7.45am to 8.30am, serving toast, cereal, fruit, yoghurt and, on Fridays, bacon rolls. It is paid for by a mix of the school's own budget, a grant from a regional children's charity and donations from local businesses, including two bakeries and a dairy farm.

The trial, which ran with Year 7 last spring, found that pupils who attended were late less often, and teachers reported fewer complaints of tiredness in the first lesson. Around 60 per cent of the year group used it at least twice a week.

Principal Gareth Nwosu said the school had deliberately made it open to everyone. "If you only offer it to some children, some children won't come, because they don't want to be seen as the ones who need it," he said. "If it's for everyone, it's just breakfast."

The club is staffed by two catering assistants and a rota of teachers and sixth-form volunteers. Students can also use the time to finish homework or borrow books from a trolley brought down from the library.

The school will review the cost at Easter, but Nwosu said he was hopeful the funding would continue. "The numbers from the trial were very clear. It's one of the best-value things we do."`,
    authors: ['priya-castellan'],
    tags: ['Education'],
    publishedAt: '2026-10-13T07:50:00.000Z',
    comments: [
      {
        name: 'Carys Bellamy',
        email: 'carys.bellamy@example.com',
        body: "My daughter has started going with her friends, and she's much less grumpy by the time she gets home. Well done to the school.",
      },
      {
        name: 'Hamid Osei',
        email: 'hamid.osei@example.org',
        body: "Which dairy farm is supplying it? I'd like to thank them.",
        replies: [
          {
            name: 'Carys Bellamy',
            email: 'carys.bellamy@example.com',
            body: "I think it's the one out on the Pellow road. They had a sign up at the school gate last week.",
          },
        ],
      },
    ],
  },
  {
    slug: 'high-street-empty-shops-fall',
    section: 'business',
    title: 'High Street empty shops fall for a third quarter in a row',
    standfirst:
      "Eleven units on Harbourton's High Street are now empty, down from nineteen at the start of the year, according to council figures.",
    body: `The number of empty shops on Harbourton's High Street has fallen for the third quarter running, according to figures presented to the council's economy committee on Thursday.

Eleven of the street's 104 ground-floor units were vacant at the end of September, compared with nineteen in January. The figures include Quay Street and Market Square, which the council counts as part of the town centre.

New arrivals this year include a bakery, a repair café, two independent clothes shops, a bike workshop and a dental surgery. A former bank building at the top of the street is being turned into shared office space, due to open in the new year.

Council officers put part of the improvement down to a grant scheme that offers up to £5,000 towards shopfront repairs and fit-out costs for businesses taking on an empty unit. Twenty-two businesses have used it since it began.

"It's not one big thing," said Ingrid Solberg, chair of the Harbourton Traders' Association. "It's lots of small businesses deciding to give it a go. The grants helped, but so did landlords being a bit more flexible on rents."

Concerns remain. The former department store on the corner of Bridge Street, the largest unit in town, has now been empty for four years, and several traders told the committee that parking charges discouraged visitors.

The committee agreed to extend the grant scheme for another year.`,
    authors: ['ines-achterberg', 'mara-lindqvist'],
    tags: ['Business', 'City Hall'],
    source: {
      name: 'Brackwater Weekly',
      url: 'https://brackwaterweekly.example/business/harbourton-high-street-vacancies',
    },
    publishedAt: '2026-10-15T18:00:00.000Z',
  },
  {
    slug: 'gale-cancels-ferries-closes-promenade',
    section: 'local',
    title: 'Gale cancels ferries and closes the promenade',
    standfirst:
      'Gusts of close to 100km/h forced the cancellation of all Gull Island sailings on Friday, and the council shut the seafront road as waves broke over the wall.',
    body: `All ferry sailings between Harbourton and Gull Island were cancelled on Friday as the first severe gale of the autumn swept along the coast, bringing gusts of close to 100km/h.

Gull Island Ferries suspended services from 7am after the harbour master advised against crossings. About 40 islanders who work or study on the mainland were unable to travel, and the island school switched to remote lessons for the day.

In Harbourton, the council closed the promenade road between the bandstand and the lifeboat station from mid-morning as waves broke over the sea wall, scattering shingle across the carriageway. Police asked people to stay off the seafront, though several were seen taking photographs near the pier.

Three trees came down in Promenade Gardens and on Ashby Road, and power was briefly lost to around 600 homes on the Upper Quarry estate. Engineers restored supplies by early afternoon.

The lifeboat launched once, to a yacht whose mooring had parted in the outer harbour. Nobody was on board, and the boat was towed to a safe berth.

Council highways staff worked through the evening to clear the promenade, which was expected to reopen on Saturday once it had been checked.

**Update, Saturday:** Ferry services resumed with the 9.30am sailing, and the promenade reopened at 11am. The council said damaged railings on the sea wall would be repaired next week.`,
    authors: ['tomas-okafor'],
    tags: ['Weather', 'Transport'],
    source: {
      name: 'Coastal Radio North',
      url: 'https://coastalradionorth.example/news/gale-halts-gull-island-ferries',
    },
    publishedAt: '2026-10-16T09:05:00.000Z',
    updatedAt: '2026-10-17T11:30:00.000Z',
    comments: [
      {
        name: 'Rhona Dale',
        email: 'rhona.dale@example.net',
        body: `Spectacular waves, but please, people, stop standing on the wall to film them.

The lifeboat crew have better things to do.`,
        replies: [
          {
            name: 'Kieran Foy',
            email: 'kieran.foy@example.com',
            body: 'Agreed. I saw a family with a pushchair right up by the railings.',
          },
        ],
      },
      {
        name: 'Thea Underhill',
        email: 'thea.underhill@example.org',
        body: 'Thanks to the ferry office for the text alerts. Very clear and nice and early.',
      },
    ],
  },
  {
    slug: 'swing-bridge-cycle-lane-permanent',
    section: 'politics',
    title: 'Swing Bridge cycle lane to be made permanent',
    standfirst:
      "A trial cycle lane across the harbour's Swing Bridge will stay, after counts showed cycling on the crossing had more than doubled.",
    body: `The temporary cycle lane across Harbourton's Swing Bridge will become permanent, the council's transport committee decided on Wednesday, after an eighteen-month trial.

The lane, separated from traffic by plastic wands, was installed last spring on the eastbound side of the bridge, which links the town centre with the east quay and the railway station. Westbound cyclists share a widened footway.

Automatic counters recorded an average of 830 cycle trips a day across the bridge in September, compared with 370 before the trial began. Queues at the junction with Station Road were slightly longer at peak times, but bus journey times were unchanged, according to a council report.

The permanent version will replace the wands with a raised kerb and add a proper crossing point at the east end, where the trial lane currently stops abruptly. Work is expected next summer and will cost around £190,000, most of it from a regional active travel fund.

"Parents tell us this is the first time they've been happy to let their teenagers cycle to the station," said Councillor Nadia Ferreira. "That's exactly the kind of change we were hoping for."

Some drivers remain unhappy. The Harbourton Motorists' Forum said the narrower traffic lane caused problems for delivery lorries and asked for a loading bay on Station Road. The council said it would consider the request as part of the final design.`,
    authors: ['tomas-okafor'],
    tags: ['Transport', 'City Hall'],
    publishedAt: '2026-10-22T10:00:00.000Z',
  },
  {
    slug: 'fennick-fields-floodlit-pitch-opens',
    section: 'sport',
    title: 'Youth football league gets a floodlit pitch at Fennick Fields',
    standfirst:
      "A new all-weather pitch means Harbourton's junior football teams can keep training through the winter evenings for the first time.",
    body: `Around 400 young footballers in Harbourton will be able to train after dark this winter, after a new floodlit all-weather pitch opened at Fennick Fields on Saturday.

For years the Harbourton Junior Football League has struggled each autumn. Its grass pitches turn to mud by November, and with no lights, midweek training ends when the clocks go back. Many teams have paid to hire pitches in neighbouring towns, a twenty-minute drive away.

The new pitch, which can be split into three smaller areas for younger age groups, cost £720,000. The money came from a national sports fund, the council and a contribution from the developers of new housing on the north side of town.

League chair Simone Achebe said the difference would be felt immediately. "Last winter we had under-tens doing press-ups in a car park under a street lamp, because there was nowhere else," she said. "This changes everything for them."

The league will have priority on weekday evenings until 8pm, after which the pitch can be booked by adult teams and the public. Walking football for over-60s will run on Tuesday mornings.

Neighbours had raised concerns about light spilling into their gardens. The council said the floodlights were designed to point downwards and would switch off automatically at 10pm.

The opening was marked with a festival of small-sided games involving every team in the league, from under-sevens to under-sixteens.`,
    authors: ['declan-morrow'],
    tags: ['Sport', 'Community'],
    publishedAt: '2026-10-24T15:30:00.000Z',
  },
  {
    slug: 'tidewater-brewing-net-loft',
    section: 'business',
    title: 'Tidewater Brewing to expand into the old net loft',
    standfirst:
      'The small brewery will move production into a long-empty building on the fish quay and open a taproom, creating eight jobs.',
    body: `Tidewater Brewing, which started in a garage on Kiln Lane five years ago, is to move into the old net loft on Harbourton's fish quay, the harbour authority confirmed this week.

The stone building, where fishing nets were once dried and mended, has been empty for more than a decade. Under a twenty-year lease, the brewery will install its equipment on the ground floor and open a taproom upstairs, with windows overlooking the harbour.

Co-founder Rosa Kettleby said the company had simply outgrown its current space. "We're brewing three times a week in a room designed for one car," she said. "We'd been looking for two years, and then this came up. It's hard to imagine a better building for us."

The expansion is expected to create eight jobs, including brewers, bar staff and a delivery driver. The brewery currently supplies about 30 pubs and restaurants along the coast.

The harbour authority said the lease includes conditions protecting the building's historic features, among them the timber roof and the iron rings on the quay wall once used to hang nets. A small display about the loft's history will be included in the taproom.

Some fish quay businesses have asked how deliveries will work on the narrow quay, which is busy with lorries early in the morning. The brewery said it would schedule its own deliveries for the afternoon. The taproom is expected to open next summer, subject to a licence.`,
    authors: ['ines-achterberg'],
    tags: ['Business', 'Harbour'],
    publishedAt: '2026-10-27T08:20:00.000Z',
    comments: [
      {
        name: 'Jonah Pryce',
        email: 'jonah.pryce@example.com',
        url: 'https://jonahpours.example',
        body: "Their harbour stout is the best thing brewed on this coast. Delighted they're staying in town rather than heading for an industrial estate.",
      },
      {
        name: 'Lydia Farrant',
        email: 'lydia.farrant@example.net',
        body: 'Lovely to see the net loft used again. I hope the display includes some of the old photographs.',
        replies: [
          {
            name: 'Jonah Pryce',
            email: 'jonah.pryce@example.com',
            body: "The museum's rope-makers exhibition has a few pictures of the loft in use. Worth a visit.",
          },
        ],
      },
    ],
  },
  {
    slug: 'library-winter-author-talks',
    section: 'culture',
    title: 'Library announces winter season of author talks',
    standfirst:
      'Eight writers, most of them from the region, will speak at Harbourton central library between November and February. All the events are free.',
    body: `Harbourton central library has announced its first full season of author talks, with eight events running from November to February, all free to attend.

The programme opens on 13 November with crime novelist Evander Quist, whose detective stories set in an invented fishing port have built a loyal following. Quist grew up in Harbourton and has admitted borrowing several of the town's streets for his books, "with the names changed to protect the innocent pubs".

Other speakers include a marine biologist who has written about the seals of the Tamsey estuary, a poet whose latest collection was written during a winter on Gull Island, and a children's author who will run a storytelling session for under-eights during the February half-term.

Library manager Tess Haverford said the season grew out of the library's longer opening hours. "Once we were open until eight, it made sense to use those evenings for something people could come together for," she said. "We wanted writers who have something to say about this place."

Talks start at 7pm and last about an hour, including questions. A local bookshop will sell copies of each author's work on the night.

Places are limited to 80 per event. Tickets can be reserved at the library desk or by phone, and the library will keep a waiting list for the busier evenings.`,
    authors: ['priya-castellan'],
    tags: ['Culture', 'Education'],
    publishedAt: '2026-10-29T12:00:00.000Z',
  },
  {
    slug: 'sallowmere-beach-clean-400kg',
    section: 'local',
    title: 'Volunteers clear 400kg of litter from Sallowmere Beach',
    standfirst:
      'More than 120 people joined a Sunday beach clean organised by a group of sixth-formers. Bottles and fishing gear made up most of the haul.',
    body: `More than 120 volunteers spent Sunday morning combing Sallowmere Beach, south of Harbourton, and collected around 400 kilograms of rubbish in three hours.

The beach clean was organised by a group of sixth-form students from Kestrel Bay Academy as part of a school environmental project. They had expected perhaps forty people. "We ran out of gloves after about twenty minutes," said organiser Tobias Fenn, 17. "Someone went to the hardware shop and bought their whole stock."

Volunteers logged what they found on tally sheets, so the results can be shared with a national marine litter survey. Plastic bottles and caps were the most common items, followed by fragments of rope and net. Less expected finds included a bowling ball, a car tyre and a message in a bottle, which turned out to have been thrown from the pier by a local primary school class two years earlier.

Heavier items were collected by a council truck, and the fishing gear was set aside for a harbour authority scheme that turns old nets into plastic pellets for reuse.

Dr Anneke Voss, a marine biologist who helped the students plan the day, said the tally would be useful. "Knowing what is on the beach tells you where it comes from, and that's the first step to stopping it," she said.

The students hope to make the clean a twice-yearly event, with the next one planned for April.`,
    authors: ['declan-morrow'],
    tags: ['Environment', 'Community'],
    source: {
      name: 'The Saltmarsh Courier',
      url: 'https://saltmarshcourier.example/2026/11/sallowmere-beach-clean',
    },
    publishedAt: '2026-11-01T16:45:00.000Z',
  },
  {
    slug: 'town-centre-parking-charges-consultation',
    section: 'politics',
    title: 'Residents asked for views on town centre parking charges',
    standfirst:
      'The council is proposing free parking for the first 30 minutes in two town centre car parks, paid for by higher charges for all-day stays.',
    body: `Harbourton Town Council has opened a consultation on changes to parking charges in its town centre car parks, including a free half-hour intended to help short shopping trips.

Under the proposals, the first 30 minutes would be free at the Market Square and Bridge Street car parks. To make up the lost income, the all-day charge at the Westcliff and Station car parks would rise from £6 to £7.50, and evening charges would apply until 8pm instead of 6pm.

The plan follows complaints from High Street traders, who say the cost of parking puts off people who only want to collect a prescription or buy a loaf of bread. The council estimates the free period would be used by around 1,500 drivers a week.

"We are trying to strike a balance," said Councillor Hester Vane. "We want to make it easy to nip into town, while still encouraging people who commute to use the bus or the train."

Residents' permits would not change, and blue badge holders would continue to park free in all council car parks.

The consultation closes on 30 November. Responses can be made online, at the library or at the Town Hall reception. A decision is due in the new year, with any changes taking effect from April.

*Correction: an earlier version of this article gave the proposed all-day charge as £8. The correct figure is £7.50. Read how we handle mistakes in our [corrections policy](${correctionsPolicyPath}).*`,
    authors: ['mara-lindqvist'],
    tags: ['City Hall', 'Transport'],
    publishedAt: '2026-11-03T09:30:00.000Z',
    updatedAt: '2026-11-04T14:10:00.000Z',
    comments: [
      {
        name: 'Margaret Kell',
        email: 'margaret.kell@example.com',
        body: 'Thirty minutes free would make a real difference for the chemist run. I hope it goes ahead.',
      },
      {
        name: 'Rhys Tomlin',
        email: 'rhys.tomlin@example.org',
        body: `Raising the all-day charge hits people who work in the shops. Most of us can't get a bus that early.

Could there be a discounted permit for town centre staff?`,
        replies: [
          {
            name: 'Ingrid Solberg',
            email: 'ingrid.solberg@example.net',
            body: "The Traders' Association is asking for exactly that in our response. Please add your voice to the consultation too.",
            replies: [
              {
                name: 'Rhys Tomlin',
                email: 'rhys.tomlin@example.org',
                body: 'Will do, thanks.',
              },
            ],
          },
        ],
      },
      {
        name: 'Neil Barraclough',
        email: 'neil.barraclough@example.net',
        body: 'Good that evening charges stop at eight. The restaurants would suffer otherwise.',
      },
    ],
  },
  {
    slug: 'harbourton-half-marathon-moves-to-spring',
    section: 'sport',
    title: 'Harbourton Half Marathon moves to spring',
    standfirst:
      'Organisers say a March date will avoid clashes with other autumn races and the worst of the weather. The route is changing too.',
    body: `The Harbourton Half Marathon will move from November to March, its organisers have announced, ending a fourteen-year run as the town's autumn road race.

The decision came days after this year's event, which was run in driving rain and a stiff headwind along the coast road. The race committee said it also followed a survey of past entrants, more than half of whom said the November date clashed with other races in the region. Two of the previous five editions had been shortened because of flooding.

"We love the race, we just don't love running it in a monsoon," said race director Callum Strand. "March isn't guaranteed sunshine, but the odds are better, and the evenings are lighter for people training."

The new date, 14 March, also allows a revised route. Instead of two laps of the seafront, runners will start at Fennick Fields, head inland through the lanes to Pellow Cove, and return along the cliff path to finish on the promenade. Organisers say the course is slightly hillier but a good deal more scenic.

Entries open on 1 December and are capped at 1,200, with a discount for local running club members and anyone who took part this year.

The organisers have promised that the traditional post-race pasty will survive the move. A 5km fun run for children and families will take place the day before.`,
    authors: ['declan-morrow'],
    tags: ['Sport'],
    publishedAt: '2026-11-05T07:40:00.000Z',
  },
  {
    slug: 'boatyard-takes-on-six-apprentices',
    section: 'business',
    title: 'Boatyard takes on six apprentices as its order book grows',
    standfirst:
      'Marlowe & Daughters, the last wooden boatbuilder in Harbourton, has hired its largest group of apprentices in thirty years.',
    body: `Six young people have started apprenticeships at Marlowe & Daughters, the boatyard on the west side of Harbourton harbour, in the firm's largest intake for three decades.

The yard builds and repairs traditional wooden boats, from small rowing dinghies to working fishing vessels, and has a waiting list for new builds that stretches more than a year ahead. Managing director Beth Marlowe, the fourth generation of her family to run the business, said the order book made the decision straightforward.

"We have more work than hands, and the people who know how to do this are getting older," she said. "If we don't train people now, in ten years there won't be anyone round here who can steam a plank or caulk a hull."

The apprentices, aged between 16 and 24, will spend four days a week at the yard and one at the regional further education college, working towards a qualification in marine engineering. Two of them came through a taster course run with Kestrel Bay Academy last year.

Among them is Ollie Gwyther, 18, who had planned to study architecture at university. "I realised I'd rather build something with my hands than draw it on a screen," he said. "And you can't beat the view at lunchtime."

The places are partly funded by a national scheme for traditional crafts. The yard said it hoped to take on more trainees next year if the current group settled in well.`,
    authors: ['ines-achterberg', 'priya-castellan'],
    tags: ['Business', 'Education', 'Harbour'],
    source: {
      name: 'Harbourton Evening Post',
      url: 'https://eveningpost.example/business/boatyard-apprentices',
    },
    publishedAt: '2026-11-09T08:55:00.000Z',
  },
  {
    slug: 'fishermens-choir-first-album',
    section: 'culture',
    title: "Fishermen's choir records its first album",
    standfirst:
      "The Harbourton Fishermen's Choir, founded forty years ago in the back room of a pub, has recorded twelve songs in the parish church.",
    body: `After forty years of singing in pubs, at weddings and on the harbour wall, the Harbourton Fishermen's Choir has finally recorded an album.

The twelve tracks were recorded over two evenings in St Brannock's church, chosen for its acoustics and because, as one member put it, "it's the only room in town big enough that doesn't have a fruit machine". The album includes traditional sea songs, two hymns and a lament written by one of the choir's founders about a trawler that never came home.

The choir has 34 members, about a third of whom work at sea or did until they retired. The rest include a postman, two teachers, a vet and a retired bank manager. Musical director Lorcan Hale, who joined as a tenor in 1989, said membership had never depended on owning a boat.

"The name is a bit of history," he said. "What matters is that you turn up on Thursday, sing your part and stay for a drink afterwards. Not necessarily in that order."

The recording was made by a sound engineer from the region who gave his time for free. CDs will be sold at the Maritime Museum shop and at the choir's concerts, with proceeds going to the lifeboat station and a charity supporting fishing families.

The album will be launched at a concert in the church on 29 November. The choir is also looking for new members, particularly basses.`,
    authors: ['priya-castellan'],
    tags: ['Culture'],
    publishedAt: '2026-11-12T10:30:00.000Z',
  },
  {
    slug: 'corrow-head-cliff-erosion-survey',
    section: 'local',
    title: 'Survey finds erosion speeding up on the Corrow Head cliff path',
    standfirst:
      'Parts of the coastal path north of Harbourton have lost up to two metres of ground in a year, prompting the council to plan a new inland route.',
    body: `The cliffs at Corrow Head are retreating faster than at any time since monitoring began, according to a survey commissioned by the council and published this week.

Engineers measured the cliff edge at 40 fixed points along a three-kilometre stretch of the coastal path. At some points the edge had moved back by almost two metres since the same survey last year, compared with an average of around 30 centimetres a year over the previous decade.

The report links the change to the wet autumn and a series of winter storms, which saturated the soft clay and sandstone and allowed waves to undercut the base of the cliffs. Two small landslips in September left sections of fencing hanging over the edge.

The path remains open, but the council has moved the fence inland in six places and put up warning signs. Walkers are asked to keep to the marked route, keep dogs on leads and stay well back from the edge after heavy rain.

"Nobody can stop this coastline moving," said Dr Anneke Voss, who advises the council on coastal change. "What we can do is plan for it, so that the path moves before the cliff does."

The council intends to create a new stretch of path further inland over the next two years, which will need the agreement of two farmers whose fields border the route. Talks are under way.

*This article was updated to make clear that the path remains open to walkers.*`,
    authors: ['declan-morrow'],
    tags: ['Environment', 'Weather'],
    source: {
      name: 'Coastal Radio North',
      url: 'https://coastalradionorth.example/news/corrow-head-erosion-report',
    },
    publishedAt: '2026-11-17T07:05:00.000Z',
    updatedAt: '2026-11-17T15:20:00.000Z',
  },
  {
    slug: 'winter-market-48-stalls-on-the-quay',
    section: 'business',
    title: 'Winter market confirms 48 stalls on the quay',
    standfirst:
      "Harbourton's winter market will run over two weekends in December, with more food stalls, a small skating rink and a new Thursday evening opening.",
    body: `Harbourton's winter market will return to the harbourside in December with 48 stalls, the most since it began nine years ago, organisers confirmed on Wednesday.

The market will run from 4 to 6 December and from 11 to 13 December, stretching from the fish quay along the harbour wall to the Swing Bridge. A new Thursday evening opening on 10 December is aimed at people who work at weekends.

Just over half of the stalls are run by businesses based in or near Harbourton, including Salt & Crumb bakery, Tidewater Brewing and several makers from the craft studios on Kiln Lane. Food stalls have increased from twelve to eighteen, after visitors last year complained about long queues.

A small outdoor skating rink will be set up in Market Square, and the fishermen's choir will sing carols on the bandstand on both Saturday evenings.

Market manager Philippa Dunmore said the organisers had tried to keep it local. "We get offers from traders all over the country, and some of them are very good," she said. "But people come here because it feels like Harbourton, not like every other Christmas market."

Gull Island Ferries will run extra late sailings on both Saturdays. The Market Square car park will be closed for the rink, and visitors are advised to use the park-and-ride from Fennick Fields, which will run every fifteen minutes. Entry to the market is free.`,
    authors: ['ines-achterberg'],
    tags: ['Business', 'Community'],
    publishedAt: '2026-11-19T11:45:00.000Z',
    comments: [
      {
        name: 'Bea Lacroix',
        email: 'bea.lacroix@example.org',
        body: 'The Thursday opening is a great idea. I work every weekend in December and always miss it.',
      },
      {
        name: 'Tom Hazeldine',
        email: 'tom.hazeldine@example.com',
        body: `More food stalls, finally! Last year I queued 25 minutes for a hot chocolate.

Still worth it, mind.`,
        replies: [
          {
            name: 'Ana Kovac',
            email: 'ana.kovac@example.net',
            body: 'Ha, I was probably in that queue with you.',
          },
        ],
      },
    ],
  },
  {
    slug: 'gull-island-ferries-new-vessel',
    section: 'local',
    title: 'Gull Island Ferries confirms new vessel for spring',
    standfirst:
      'A larger, hybrid-powered ferry will replace the ageing Island Maid on the Gull Island crossing from April, the operator has confirmed.',
    body: `Gull Island Ferries will bring a new vessel into service on the Harbourton crossing next spring, replacing *Island Maid*, which has worked the route for more than thirty years.

The new ferry, now being fitted out at a yard further up the coast, will carry up to 180 passengers and 14 cars, compared with 120 passengers and 10 cars on the current boat. It uses a hybrid system, running on batteries in the harbour and switching to diesel engines in open water.

Operations manager Fenella Rourke said the change would mean fewer cancellations as well as more space. "*Island Maid* has done us proud, but she struggles in anything over a moderate swell," she said. "The new boat is designed for the conditions we actually get here, not the ones we wish we had."

The operator said the battery system should cut fuel use by around a third and make the ferry much quieter while berthed, answering a long-standing complaint from residents near the slipway.

Islanders have been invited to suggest a name, and a shortlist will be put to a vote at the island's community meeting in January.

The slipway on the Harbourton side will need adjusting to fit the new vessel, with work planned for February. Some sailings may use the east quay pontoon for a fortnight while it is carried out. *Island Maid* will be kept as a reserve vessel until at least the end of next year.`,
    authors: ['tomas-okafor'],
    tags: ['Transport', 'Harbour'],
    source: {
      name: 'Brackwater Weekly',
      url: 'https://brackwaterweekly.example/transport/gull-island-new-ferry',
    },
    publishedAt: '2026-11-25T08:00:00.000Z',
    comments: [
      {
        name: 'Dorrie Fenwick',
        email: 'dorrie.fenwick@example.org',
        body: "My suggestion is Gull Island Queen. Or Maid Two. We're not an imaginative lot over here.",
        replies: [
          {
            name: 'Marcus Tillett',
            email: 'marcus.tillett@example.com',
            body: 'Maid Two has my vote.',
            replies: [
              {
                name: 'Dorrie Fenwick',
                email: 'dorrie.fenwick@example.org',
                body: 'The campaign starts now.',
              },
            ],
          },
        ],
      },
      {
        name: 'Sunniva Berg',
        email: 'sunniva.berg@example.net',
        body: 'Hybrid is good news for the seals that haul out near the slipway. The old engine noise must be awful for them.',
      },
    ],
  },
  {
    slug: 'keep-the-late-ferry',
    section: 'opinion',
    title: 'Keep the late ferry: an island is not a timetable',
    standfirst:
      'Cutting the last crossing saves a crew a few hours. It costs islanders their evenings, and the town some of its custom.',
    body: `Every winter the same sum is done on the same back of the same envelope. Fewer than a dozen people take the late boat to Gull Island on a weeknight, so the late boat goes.

The sum is right and the answer is wrong. The people on that crossing are nurses coming off a late shift, teenagers coming home from the sports hall, and the couple who stayed for the end of the film. Take the boat away and they do not find another one. They stay at home, or they stay on the mainland for good.

Harbourton's cafés, its cinema and its pubs notice that too. An island of four hundred people is a small market, but it is a loyal one, and it spends its evenings in town only while it can get home.

There are cheaper ways to run a late crossing than a full crew on the big ferry. The water taxi that serves the regatta could do it on two nights a week. A booking line could tell the operator by six o'clock whether anyone wants the boat at all.

The council pays part of the ferry's subsidy. It should ask for something in return: a winter evening service that islanders can plan their lives around, rather than one they lose a piece of every November.`,
    authors: ['mara-lindqvist'],
    tags: ['Transport', 'Harbour'],
    publishedAt: '2026-09-05T17:30:00.000Z',
  },
];

/** The sample front page: the gale leads, the hotel decision and the lighthouse appeal are pinned. */
export const sampleFrontPage = {
  lead: 'gale-cancels-ferries-closes-promenade',
  pins: [
    { article: 'seaview-hotel-flats-decision-deferred', expiresAt: null },
    { article: 'wrenna-point-lighthouse-appeal', expiresAt: null },
  ],
  rows: [
    { section: 'business', count: 3 },
    { section: 'sport', count: 3 },
  ],
};
