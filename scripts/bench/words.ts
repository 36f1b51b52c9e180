// Word lists for the benchmark's generated publication. The function words come first, roughly in the order
// of their frequency in English news text; the content words follow. The generator adds a long tail of
// made-up words after these, so that word frequencies fall off as they do in a real archive (a few words in
// every article, most words in few), which is what full-text search cost depends on.

export const FUNCTION_WORDS = `the of and to a in that is for on was with he it as at by from his said
be have are has but not an they this who were had been their will its or which would after also more
she her about up one than two when we there over new out into last all first year people could can
other some time what him them only before three no our just if while because like most many even now
where those being through during then against so may between did such you how since under four any back
us these my down still off very should both around last much made make well way told including while
however each week years day months because going according much another per five without get see`
  .split(/\s+/)
  .filter(Boolean);

export const CONTENT_WORDS = `government council minister city police court report public water harbour
school hospital local national county district community residents business workers company plan
project money budget funding board members officials election vote party leader committee meeting
decision service services health care road roads bridge transport traffic rail station train bus ferry
weather storm flooding rain winter summer spring autumn season market prices price energy power
electricity gas fuel housing homes home rent families children parents students teachers university
college library museum festival music theatre art artist film football club match team players coach
league season goal win victory defeat fans stadium final cup championship record history village town
coast island river valley harbourmaster fishermen fishing boat boats quay pier lighthouse port ships
shipping cargo trade exports farmers farm crops harvest cattle land environment climate emissions
wind solar turbines grid network internet broadband phone technology data software digital online
safety fire crews firefighters ambulance emergency patients doctors nurses staff strike union pay
wages jobs unemployment economy growth inflation interest bank loan tax taxes spending cuts review
inquiry investigation evidence witness trial judge jury sentence prison charges arrest suspect crime
theft burglary damage repairs construction building buildings site planning permission application
developer development scheme proposal consultation objections approval mayor councillor councillors
chairman chairwoman director chief executive spokesperson statement interview announcement figures
survey study research scientists experts analysis results data numbers percent average increase
decrease rise fall level levels record highest lowest million billion thousand hundreds dozens pounds
euros dollars cost costs price value sale sales shop shops shopping centre street streets square park
garden trees wildlife birds animals beach sea tide waves sailors lifeboat rescue volunteers charity
donations church cathedral mosque temple school pupils exams results teachers headteacher classroom
parliament senate minister ministers policy policies law laws rules regulation regulations agency
authority authorities department office officer officers security border migrants refugees aid war
peace talks agreement treaty deal negotiations summit talks allies partners region regional province
state states country countries capital ministry foreign defence army navy troops soldiers veterans
memorial anniversary celebration ceremony award prize winner winners competition race marathon
runners cyclists cycling walking path paths trail hikers mountain hills forest lake canal dam reservoir
drought heatwave temperatures forecast warning alert evacuation shelter volunteers neighbours
families elderly pensioners youth young older generation heritage tradition culture language books
author authors writer newspaper radio television broadcast journalist journalists editor media press
readers audience campaign campaigners protest protesters petition signatures demand demands response
criticism support supporters opposition critics concerns fears hopes plans future past decade century
morning evening night afternoon monday tuesday wednesday thursday friday saturday sunday january
february march april june july august september october november december weekend holiday tourists
tourism visitors hotel hotels restaurant restaurants cafe pub food drink coffee bread fish market
airport flights airline passengers delays cancellations closure closures reopening opening launch
contract contracts tender firm firms industry factory factories plant production manufacturing steel
timber stone brick glass paper plastic recycling waste rubbish collection bins landfill pollution air
quality noise complaints licence licensing alcohol drugs addiction treatment clinic surgery waiting
list lists appointments beds ward wards ambulances paramedics response times target targets figures`
  .split(/\s+/)
  .filter(Boolean);

export const FIRST_NAMES = `Maria Tomas Aisha James Olivia Noah Amara Lucas Sofia Mateo Chloe Daniel
Hannah Samuel Leila Oscar Freya Arjun Priya Ewan Niamh Kwame Ines Jonas Marta Pavel Yusuf Greta Rowan
Isla Felix Nadia Ravi Elena Hugo Zara Callum Mei Kofi Astrid Diego Fatima Liam Anya Omar Clara Tariq
Ingrid Bruno Lena Malik Saoirse Henrik Alma Ibrahim Rosa Stefan Maya Dmitri Eva`
  .split(/\s+/)
  .filter(Boolean);

export const LAST_NAMES = `Okafor Lindqvist Haddad Moreau Brennan Castillo Nakamura Petrov Osei Fischer
Gallagher Kowalski Mensah Rossi Novak Adeyemi Sullivan Bergstrom Costa Dimitrov Farouk Hughes Ivanova
Jansen Kaur Larsen MacLeod Nilsen Oyelaran Patel Quinn Rahman Schmidt Tanaka Uddin Varga Walsh Xu
Yilmaz Zielinski Ahmed Byrne Chowdhury Duarte Eriksen Fraser Grant Hoffmann Iqbal Jovanovic Keane
Lopez Murphy Nguyen O'Brien Pereira Ramos Silva Thompson Ueda`
  .split(/\s+/)
  .filter(Boolean);

export const OUTLETS = [
  'Coastal Radio North',
  'The Evening Courier',
  'Harbour Weekly',
  'Valley Broadcasting',
  'The County Chronicle',
  'Northern Wire Service',
  'Island Gazette',
  'The Morning Ledger',
];
