//! Table-driven tests of the number grammar: each row is a phrase in a short sentence and what
//! `quantity::recognise` must find in it.
//!
//! Row formats (fields separated by ` | `, `-` for none):
//! - `Q sentence | text | class | stated | qualifier | lo | hi | unit | delta [| soft_lo | soft_hi]` —
//!   a quantity with exactly this text exists and has these fields;
//! - `N sentence | text` — no quantity has this text (it must be split, absorbed or ignored);
//! - `K sentence | n | classes` — exactly `n` quantities, of these comma-separated classes in order.

use factdiff::model::Quantity;
use factdiff::quantity::recognise;

const ROWS: &str = r#"
# --- plain counts and digit grammar
Q Officials said 50 hostages were freed. | 50 | count | 50 | exact | 50 | 50 | - | false | 50 | 50
Q The ministry counted 1,200 dead. | 1,200 | count | 1200 | exact | 1200 | 1200 | - | false | 1150 | 1250
Q It counted 7,300 bodies. | 7,300 | count | 7300 | exact | 7300 | 7300 | - | false | 7250 | 7350
Q They listed 1300 names. | 1300 | count | 1300 | exact | 1300 | 1300 | - | false | 1250 | 1350
Q They listed 1 300 names. | 1 300 | count | 1300 | exact | 1300 | 1300 | - | false
Q They listed 12 500 names. | 12 500 | count | 12500 | exact | 12500 | 12500 | - | false
Q The camp holds 1 250 000 people. | 1 250 000 | count | 1250000 | exact | 1250000 | 1250000 | - | false
Q The camp holds 35 000 people. | 35 000 | count | 35000 | exact | 35000 | 35000 | - | false
Q They fed 1.200.000 people. | 1.200.000 | count | 1200000 | exact | 1200000 | 1200000 | - | false
Q Aid reached 1,234,567 people. | 1,234,567 | count | 1234567 | exact | 1234567 | 1234567 | - | false | 1234567 | 1234567
Q Aid reached 11,078 people. | 11,078 | count | 11078 | exact | 11078 | 11078 | - | false
Q Aid reached 2.5 people on average. | 2.5 | count | 2.5 | exact | 2.5 | 2.5 | - | false
Q They killed 86 30 of them children. | 86 | count | 86 | exact | 86 | 86 | - | false
Q They killed 86 30 of them children. | 30 | count | 30 | exact | 30 | 30 | - | false
N They killed 86 30 of them children. | 86 30
N Reports said 86,30 were wounded. | 86,30
Q The count was ٣٤٥ people. | ٣٤٥ | count | 345 | exact | 345 | 345 | - | false
Q The count was ۱۲۳ people. | ۱۲۳ | count | 123 | exact | 123 | 123 | - | false
Q The count was ١٬٢٠٠ people. | ١٬٢٠٠ | count | 1200 | exact | 1200 | 1200 | - | false
Q The count was 1,00,000 people. | 1,00,000 | count | 100000 | exact | 100000 | 100000 | - | false
# --- scales
Q Some 1.3 million people fled. | Some 1.3 million | count | 1300000 | approx | 1170000 | 1430000 | - | false
Q The agency said 1.3 million people fled. | 1.3 million | count | 1300000 | exact | 1300000 | 1300000 | - | false | 1250000 | 1350000
Q Aid for 1.2m people arrived. | 1.2m | count | 1200000 | exact | 1200000 | 1200000 | - | false
Q The clip had 7.3k views. | 7.3k | count | 7300 | exact | 7300 | 7300 | - | false
Q Officials counted 2 bn doses. | 2 bn | count | 2000000000 | exact | 2000000000 | 2000000000 | - | false
Q Officials counted 2 billion doses. | 2 billion | count | 2000000000 | exact | 2000000000 | 2000000000 | - | false
Q Nearly 3 lakh pilgrims came. | Nearly 3 lakh | count | 300000 | nearly | 270000 | 300000 | - | false
Q About 1.5 crore people voted. | About 1.5 crore | count | 15000000 | approx | 13500000 | 16500000 | - | false
Q They walked 1.2 miles to the border. | 1.2 | count | 1.2 | exact | 1.2 | 1.2 | - | false
N They walked 1.2 miles to the border. | 1.2 m
Q The people in the camp numbered 40. | 40 | count | 40 | exact | 40 | 40 | - | false
K The people of the camp were moved. | 0 | -
Q Nearly 1.4 million people are displaced. | Nearly 1.4 million | count | 1400000 | nearly | 1260000 | 1400000 | - | false
K Nearly 1.4 million people are displaced. | 1 | count
# --- number words
Q They released twenty-five women. | twenty-five | count | 25 | exact | 25 | 25 | - | false
Q They released twenty five women. | twenty five | count | 25 | exact | 25 | 25 | - | false
Q They found one hundred and twenty bodies. | one hundred and twenty | count | 120 | exact | 120 | 120 | - | false
Q They found five hundred and sixty six bodies. | five hundred and sixty six | count | 566 | exact | 566 | 566 | - | false
K They found five hundred and sixty six bodies. | 1 | count
Q A dozen soldiers were hurt. | A dozen | count | 12 | exact | 12 | 12 | - | false
Q Two dozen trucks crossed. | Two dozen | count | 24 | exact | 24 | 24 | - | false
Q It freed 2 dozen prisoners. | 2 dozen | count | 24 | exact | 24 | 24 | - | false
Q Half a million people fled. | Half a million | count | 500000 | exact | 500000 | 500000 | - | false
Q Half a dozen towns were hit. | Half a dozen | count | 6 | exact | 6 | 6 | - | false
Q A million people marched. | A million | count | 1000000 | exact | 1000000 | 1000000 | - | false
Q They counted three thousand tents. | three thousand | count | 3000 | exact | 3000 | 3000 | - | false
Q Two and a half million people live there. | Two and a half million | count | 2500000 | exact | 2500000 | 2500000 | - | false
Q One of the officials spoke. | One | count | 1 | exact | 1 | 1 | - | false
K No one was hurt. | 0 | -
K Someone fired and anyone could see. | 0 | -
K They blamed one another. | 0 | -
K A man was arrested. | 0 | -
K Everyone was told a story. | 0 | -
# --- qualifiers
Q About 1,200 people were killed. | About 1,200 | count | 1200 | approx | 1080 | 1320 | - | false | 1080 | 1320
Q Around 300 trucks waited. | Around 300 | count | 300 | approx | 270 | 330 | - | false
Q Some 240 hostages were seized. | Some 240 | count | 240 | approx | 216 | 264 | - | false
Q Roughly 40 families returned. | Roughly 40 | count | 40 | approx | 36 | 44 | - | false
Q Approximately 100 people died. | Approximately 100 | count | 100 | approx | 90 | 110 | - | false
Q An estimated 20,000 people died. | An estimated 20,000 | count | 20000 | approx | 18000 | 22000 | - | false
Q Almost 200 were rescued. | Almost 200 | count | 200 | nearly | 180 | 200 | - | false
Q Close to 50 were injured. | Close to 50 | count | 50 | nearly | 45 | 50 | - | false
Q More than 7,300 people died. | More than 7,300 | count | 7300 | more-than | 7300 | - | - | false | 7300 | 7400
Q More than 200 people died. | More than 200 | count | 200 | more-than | 200 | - | - | false | 200 | 300
Q Over 28,000 homes were hit. | Over 28,000 | count | 28000 | more-than | 28000 | - | - | false | 28000 | 29000
Q More than 11,078 people died. | More than 11,078 | count | 11078 | more-than | 11078 | - | - | false | 11078 | 11100
Q Upwards of 500 people gathered. | Upwards of 500 | count | 500 | more-than | 500 | - | - | false
Q In excess of 300 rockets were fired. | In excess of 300 | count | 300 | more-than | 300 | - | - | false
Q More than a dozen reporters were hurt. | More than a dozen | count | 12 | more-than | 12 | - | - | false
Q At least 229 people died. | At least 229 | count | 229 | at-least | 229 | - | - | false | 229 | 251.9
Q No fewer than 20 children died. | No fewer than 20 | count | 20 | at-least | 20 | - | - | false | 20 | 22
Q No less than 20 children died. | No less than 20 | count | 20 | at-least | 20 | - | - | false
Q Up to 150 prisoners may go free. | Up to 150 | count | 150 | up-to | 0 | 150 | - | false | 135 | 150
Q As many as 40 were taken. | As many as 40 | count | 40 | up-to | 0 | 40 | - | false | 36 | 40
Q Fewer than 100 remain. | Fewer than 100 | count | 100 | less-than | 0 | 100 | - | false | 90 | 100
Q Less than 10 remain. | Less than 10 | count | 10 | less-than | 0 | 10 | - | false
Q Under 30 were released. | Under 30 | count | 30 | less-than | 0 | 30 | - | false
Q They had 50 or more rockets. | 50 or more | count | 50 | at-least | 50 | - | - | false
Q They had 50 or so rockets. | 50 or so | count | 50 | approx | 45 | 55 | - | false
Q They freed 5,000-plus prisoners. | 5,000-plus | count | 5000 | more-than | 5000 | - | - | false | 5000 | 6000
Q A 1,200-strong force moved in. | 1,200-strong | count | 1200 | exact | 1200 | 1200 | - | false
Q They agreed to hand over 50 hostages. | 50 | count | 50 | exact | 50 | 50 | - | false
N They agreed to hand over 50 hostages. | over 50
Q More than 30000 died in 2009. | More than 30000 | count | 30000 | more-than | 30000 | - | - | false
Q More than 30000 died in 2009. | 2009 | year | 2009 | exact | 2009 | 2009 | - | false
K More than 30000 died in 2009. | 2 | count,year
Q More than 2000 people left. | More than 2000 | count | 2000 | more-than | 2000 | - | - | false
# --- ranges and changes
Q Between 40 and 60 trucks entered. | Between 40 and 60 | count | - | range | 40 | 60 | - | false | 40 | 60
Q Between fifty and one hundred people died. | Between fifty and one hundred | count | - | range | 50 | 100 | - | false
N Between fifty and one hundred people died. | fifty and one hundred
Q We saw 50-100 people. | 50-100 | count | - | range | 50 | 100 | - | false
K We saw 50-100 people. | 1 | count
Q We saw 40–60 people. | 40–60 | count | - | range | 40 | 60 | - | false
Q We saw 40 – 60 people. | 40 – 60 | count | - | range | 40 | 60 | - | false
Q We saw 40 to 60 people. | 40 to 60 | count | - | range | 40 | 60 | - | false
Q We saw from 40 to 60 people. | from 40 to 60 | count | - | range | 40 | 60 | - | false
Q We saw one or two people. | one or two | count | - | range | 1 | 2 | - | false
Q It will take 2 to 3 million doses. | 2 to 3 million | count | - | range | 2000000 | 3000000 | - | false
Q It will take three to four days. | three to four days | duration | - | range | 3 | 4 | days | false
Q Prices rose 10-15% this year. | 10-15% | percent | - | range | 10 | 15 | % | false
Q The toll rose from 240 to 250. | 240 | count | 240 | exact | 240 | 240 | - | false
Q The toll rose from 240 to 250. | 250 | count | 250 | exact | 250 | 250 | - | false
K The toll rose from 240 to 250. | 2 | count,count
K The figure increased from 1,200 to 1,400. | 2 | count,count
K That is up from 20 to 30 last week. | 2 | count,count
K The toll was revised down from 1,400 to 1,200. | 2 | count,count
Q The score was 3-1 at the end. | 3-1 | identifier | - | exact | - | - | - | false
# --- vague bands
Q A few people stayed. | A few | count | - | vague | 2 | 5 | - | false
Q Few people stayed. | Few | count | - | vague | 2 | 5 | - | false
Q A handful of people stayed. | A handful | count | - | vague | 2 | 6 | - | false
Q Several people stayed. | Several | count | - | vague | 3 | 9 | - | false
Q Dozens of people stayed. | Dozens | count | - | vague | 24 | 99 | - | false
Q Scores of people stayed. | Scores | count | - | vague | 40 | 199 | - | false
N The scores were close. | scores
Q Hundreds of people stayed. | Hundreds | count | - | vague | 200 | 999 | - | false
Q Thousands of people stayed. | Thousands | count | - | vague | 2000 | 9999 | - | false
Q Tens of thousands of people stayed. | Tens of thousands | count | - | vague | 20000 | 99999 | - | false
Q Hundreds of thousands of people fled. | Hundreds of thousands | count | - | vague | 200000 | 999999 | - | false
Q Millions of people watched. | Millions | count | - | vague | 2000000 | 9990000 | - | false
Q Several hundred people stayed. | Several hundred | count | - | vague | 300 | 900 | - | false
Q A few thousand people stayed. | A few thousand | count | - | vague | 2000 | 5000 | - | false
Q It lasted a few days. | a few days | duration | - | vague | 2 | 5 | days | false
# --- increments
Q Dozens more were freed. | Dozens more | count | - | vague | 24 | 99 | - | true
Q Hamas freed 10 more hostages. | 10 more | count | 10 | exact | 10 | 10 | - | true
Q Israel freed an additional 10 prisoners. | an additional 10 | count | 10 | exact | 10 | 10 | - | true
Q Another 150 people were hurt. | Another 150 | count | 150 | exact | 150 | 150 | - | true
Q A further 20 trucks crossed. | A further 20 | count | 20 | exact | 20 | 20 | - | true
Q An extra 5 days were added. | An extra 5 days | duration | 5 | exact | 5 | 5 | days | true
Q They added two more days. | two more days | duration | 2 | exact | 2 | 2 | days | true
Q More than 200 were hurt. | More than 200 | count | 200 | more-than | 200 | - | - | false
# --- durations
Q A five-day truce began. | five-day | duration | 5 | exact | 5 | 5 | days | false
Q A 72-hour pause began. | 72-hour | duration | 72 | exact | 72 | 72 | hours | false
Q It was a 45-minute call. | 45-minute | duration | 45 | exact | 45 | 45 | minutes | false
Q The talks took four days. | four days | duration | 4 | exact | 4 | 4 | days | false
Q The talks took 48 hours. | 48 hours | duration | 48 | exact | 48 | 48 | hours | false
Q They agreed a 4-day pause. | 4-day | duration | 4 | exact | 4 | 4 | days | false
Q The truce lasted a week. | a week | duration | 1 | exact | 1 | 1 | weeks | false
Q It was a three-week siege. | three-week | duration | 3 | exact | 3 | 3 | weeks | false
Q The siege lasted six months. | six months | duration | 6 | exact | 6 | 6 | months | false
Q The war lasted two years. | two years | duration | 2 | exact | 2 | 2 | years | false
Q They waited an hour. | an hour | duration | 1 | exact | 1 | 1 | hours | false
Q They waited half an hour. | half an hour | duration | 0.5 | exact | 0.5 | 0.5 | hours | false
Q The pause lasted more than 48 hours. | more than 48 hours | duration | 48 | more-than | 48 | - | hours | false
Q A week-long pause began. | A week-long | duration | 1 | exact | 1 | 1 | weeks | false
Q Hamas holds 50 hostages. | 50 | count | 50 | exact | 50 | 50 | - | false
K Meals are served twice a day. | 0 | -
# --- percent and money
Q Turnout was 45%. | 45% | percent | 45 | exact | 45 | 45 | % | false
Q Turnout was 45 percent. | 45 percent | percent | 45 | exact | 45 | 45 | % | false
Q Turnout was 45 per cent. | 45 per cent | percent | 45 | exact | 45 | 45 | % | false
Q Nearly 70% of homes are damaged. | Nearly 70% | percent | 70 | nearly | 63 | 70 | % | false
Q Two-thirds of homes are damaged. | Two-thirds | percent | 66.66666666666667 | exact | 66.66666666666667 | 66.66666666666667 | % | false
Q The US pledged $1.3 billion. | $1.3 billion | money | 1300000000 | exact | 1300000000 | 1300000000 | USD | false
Q It cost 50 euros. | 50 euros | money | 50 | exact | 50 | 50 | EUR | false
Q It cost £20m. | £20m | money | 20000000 | exact | 20000000 | 20000000 | GBP | false
Q It cost NIS 100 a day. | NIS 100 | money | 100 | exact | 100 | 100 | ILS | false
Q It cost more than $1 billion. | more than $1 billion | money | 1000000000 | more-than | 1000000000 | - | USD | false
Q It cost US$5 million. | US$5 million | money | 5000000 | exact | 5000000 | 5000000 | USD | false
Q It cost €2.5bn. | €2.5bn | money | 2500000000 | exact | 2500000000 | 2500000000 | EUR | false
Q It cost $40-60 million. | $40-60 million | money | - | range | 40000000 | 60000000 | USD | false
# --- dates
Q Talks resumed on November 21. | November 21 | date | - | exact | - | - | - | false
Q Talks resumed on 21 November. | 21 November | date | - | exact | - | - | - | false
Q Talks resumed on Nov 21. | Nov 21 | date | - | exact | - | - | - | false
Q Talks resumed on Nov. 21. | Nov. 21 | date | - | exact | - | - | - | false
Q It was filed on Tuesday 6 Aug 2013. | Tuesday 6 Aug 2013 | date | - | exact | - | - | - | false
Q It was filed on Tuesday, November 21. | Tuesday, November 21 | date | - | exact | - | - | - | false
Q It was filed on November 21, 2023. | November 21, 2023 | date | - | exact | - | - | - | false
Q It was filed on 2023-11-21. | 2023-11-21 | date | - | exact | - | - | - | false
Q It was filed on 21/11/2023. | 21/11/2023 | date | - | exact | - | - | - | false
Q The attack of October 7 shocked many. | October 7 | date | - | exact | - | - | - | false
Q The 7th of October attack shocked many. | 7th of October | date | - | exact | - | - | - | false
K On 7 October 2023 1,200 people died. | 2 | date,count
Q On 7 October 2023 1,200 people died. | 1,200 | count | 1200 | exact | 1200 | 1200 | - | false
Q The deal was signed in November 2023. | November 2023 | date | - | exact | - | - | - | false
K They may 5 times refuse. | 1 | count
# --- years
Q The war began in 2023. | 2023 | year | 2023 | exact | 2023 | 2023 | - | false
Q The war of 2009 ended. | 2009 | year | 2009 | exact | 2009 | 2009 | - | false
Q The 2023–24 budget was cut. | 2023–24 | year | - | exact | 2023 | 2024 | - | false
K The 2023–24 budget was cut. | 1 | year
Q The 2023-2024 season ended. | 2023-2024 | year | - | exact | 2023 | 2024 | - | false
Q It happened in mid-2014. | 2014 | year | 2014 | exact | 2014 | 2014 | - | false
Q The 1990s were calm. | 1990s | year | - | exact | 1990 | 1999 | - | false
Q The 1967 borders were discussed. | 1967 | year | 1967 | exact | 1967 | 1967 | - | false
Q Police arrested 2000 people. | 2000 | count | 2000 | exact | 2000 | 2000 | - | false
# --- times
Q It began at 7:15 pm. | 7:15 pm | time | 19.25 | exact | 19.25 | 19.25 | - | false
Q It began at 715 pm. | 715 pm | time | 19.25 | exact | 19.25 | 19.25 | - | false
Q It began at 1615 GMT. | 1615 GMT | time | 16.25 | exact | 16.25 | 16.25 | - | false
Q It began at 09:30. | 09:30 | time | 9.5 | exact | 9.5 | 9.5 | - | false
Q It began at 7 pm. | 7 pm | time | 19 | exact | 19 | 19 | - | false
Q It began at 7 a.m. local time. | 7 a.m. local time | time | 7 | exact | 7 | 7 | - | false
Q It began at 7pm. | 7pm | time | 19 | exact | 19 | 19 | - | false
Q It began at around 7 pm. | 7 pm | time | 19 | exact | 19 | 19 | - | false
# --- ages
Q A boy aged 12 was hurt. | aged 12 | age | 12 | exact | 12 | 12 | years | false
Q Among them was a 12-year-old girl. | 12-year-old | age | 12 | exact | 12 | 12 | years | false
Q The girl is 12 years old. | 12 years old | age | 12 | exact | 12 | 12 | years | false
Q A nine-month-old baby was hurt. | nine-month-old | age | 9 | exact | 9 | 9 | months | false
Q A man in his 40s was hurt. | 40s | age | - | vague | 40 | 49 | years | false
# --- ordinals
Q It was the first convoy. | first | ordinal | 1 | exact | 1 | 1 | - | false
Q It was the 21st convoy. | 21st | ordinal | 21 | exact | 21 | 21 | - | false
Q It was the third convoy. | third | ordinal | 3 | exact | 3 | 3 | - | false
Q It was the twenty-first day. | twenty-first | ordinal | 21 | exact | 21 | 21 | - | false
Q Fighting resumed on Day 47 of the war. | Day 47 | ordinal | 47 | exact | 47 | 47 | - | false
# --- identifiers
Q It cited Resolution 2334 again. | Resolution 2334 | identifier | - | exact | - | - | - | false
Q Two F-16s flew over. | F-16s | identifier | - | exact | - | - | - | false
Q Two F-16s flew over. | Two | count | 2 | exact | 2 | 2 | - | false
Q The COVID-19 wave ended. | COVID-19 | identifier | - | exact | - | - | - | false
Q The G7 met. | G7 | identifier | - | exact | - | - | - | false
Q The G-20 met. | G-20 | identifier | - | exact | - | - | - | false
Q Flight MH17 was downed. | MH17 | identifier | - | exact | - | - | - | false
Q Channel 12 reported it. | Channel 12 | identifier | - | exact | - | - | - | false
Q They drove along Route 60 north. | Route 60 | identifier | - | exact | - | - | - | false
Q They drove along Highway 4 north. | Highway 4 | identifier | - | exact | - | - | - | false
Q They back a two-state solution. | two-state | identifier | - | exact | - | - | - | false
Q The Unit 8200 veterans spoke. | Unit 8200 | identifier | - | exact | - | - | - | false
Q Call +972 3 123 4567 now. | +972 3 123 4567 | identifier | - | exact | - | - | - | false
Q The H5N1 strain spread. | H5N1 | identifier | - | exact | - | - | - | false
K The 4G network failed. | 1 | identifier
# --- more traps
Q Under the deal they will be freed over four days. | four days | duration | 4 | exact | 4 | 4 | days | false
N Under the deal they will be freed over four days. | over four days
Q The pause lasted over 48 hours. | over 48 hours | duration | 48 | more-than | 48 | - | hours | false
Q Roughly one in three homes was hit. | Roughly one in three | percent | 33.333333333333 | approx | 30 | 36.666666666667 | % | false
Q Biden, 81, spoke on Monday. | 81 | age | 81 | exact | 81 | 81 | years | false
Q Children aged between 2 and 10 died. | aged between 2 and 10 | age | - | range | 2 | 10 | years | false
Q It was the 1,000th day. | 1,000th | ordinal | 1000 | exact | 1000 | 1000 | - | false
Q There were 10,000+ dead. | 10,000+ | count | 10000 | more-than | 10000 | - | - | false
Q The ratio was 3:1 overall. | 3:1 | identifier | - | exact | - | - | - | false
Q The 9/11 attacks changed that. | 9/11 | date | - | exact | - | - | - | false
Q It began at 10.30am. | 10.30am | time | 10.5 | exact | 10.5 | 10.5 | - | false
Q Talks lasted nearly two weeks. | nearly two weeks | duration | 2 | nearly | 1.8 | 2 | weeks | false
Q Talks lasted about a week. | about a week | duration | 1 | approx | 0.9 | 1.1 | weeks | false
Q The list had a hundred and fifty names. | a hundred and fifty | count | 150 | exact | 150 | 150 | - | false
Q A nurse, 34, was hurt among 2,000-3,000 people. | 2,000-3,000 | count | - | range | 2000 | 3000 | - | false
Q Israel says 1,139 people were killed. | 1,139 | count | 1139 | exact | 1139 | 1139 | - | false
Q We need 24-48 hours more. | 24-48 hours | duration | - | range | 24 | 48 | hours | false
Q Each of the 50 hostages was named. | 50 | count | 50 | exact | 50 | 50 | - | false
K Every one of them left. | 0 | -
Q He lived 12 years in Gaza. | 12 years | duration | 12 | exact | 12 | 12 | years | false
Q Nearly 80 years old, he fled. | Nearly 80 years old | age | 80 | nearly | 72 | 80 | years | false
Q Prices rose by 10 to 250 shekels. | 250 shekels | money | 250 | exact | 250 | 250 | ILS | false
K Prices rose by 10 to 250 shekels. | 2 | count,money
Q The lines were 500 pounds of flour. | 500 | count | 500 | exact | 500 | 500 | - | false
Q Officials said a 20-year sentence was given. | 20-year | duration | 20 | exact | 20 | 20 | years | false
Q They dug a 5m-long tunnel. | 5m | identifier | - | exact | - | - | - | false
Q A few hundred thousand people marched. | A few hundred thousand | count | - | vague | 200000 | 500000 | - | false
Q A three-day-old baby died. | three-day-old | age | 3 | exact | 3 | 3 | days | false
Q Two 12-year-olds were hurt. | 12-year-olds | age | 12 | exact | 12 | 12 | years | false
Q By 2025 more will come. | 2025 | year | 2025 | exact | 2025 | 2025 | - | false
Q They killed 2000 more people. | 2000 more | count | 2000 | exact | 2000 | 2000 | - | true
Q More than 1,000 — 1,200 say others — died. | More than 1,000 | count | 1000 | more-than | 1000 | - | - | false
Q They rested a couple of days. | a couple of days | duration | - | vague | 2 | 3 | days | false
Q We saw 1,200 – 1,400 dead. | 1,200 – 1,400 | count | - | range | 1200 | 1400 | - | false
Q The 1948–1967 period ended. | 1948–1967 | year | - | exact | 1948 | 1967 | - | false
Q It cost Rs 5 crore. | Rs 5 crore | money | 50000000 | exact | 50000000 | 50000000 | INR | false
Q It cost 5 lakh rupees. | 5 lakh rupees | money | 500000 | exact | 500000 | 500000 | INR | false
Q They arrived at ١٢٠٠ and left. | ١٢٠٠ | count | 1200 | exact | 1200 | 1200 | - | false
Q Israel killed 2000 Palestinians that year. | 2000 | count | 2000 | exact | 2000 | 2000 | - | false
Q The baby was three days old. | three days old | age | 3 | exact | 3 | 3 | days | false
Q They held 50-odd hostages. | 50-odd | count | 50 | approx | 45 | 55 | - | false
"#;

fn num(field: &str) -> Option<f64> {
    (field != "-").then(|| {
        field
            .parse()
            .unwrap_or_else(|_| panic!("bad number in table: {field}"))
    })
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-6 * x.abs().max(1.0),
        (None, None) => true,
        _ => false,
    }
}

fn describe(found: &[Quantity]) -> String {
    found
        .iter()
        .map(|q| format!("[{}:{}:{}]", q.text, q.class.as_str(), q.qualifier.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks one row; returns an error message on failure.
fn check(line: &str) -> Result<(), String> {
    let (kind, rest) = line.split_at(1);
    let fields: Vec<&str> = rest.trim().split(" | ").collect();
    let sentence = fields[0];
    let found = recognise(sentence);
    match kind {
        "N" => match found.iter().find(|q| q.text == fields[1]) {
            Some(_) => Err(format!(
                "{sentence:?}: unexpected {:?} in {}",
                fields[1],
                describe(&found)
            )),
            None => Ok(()),
        },
        "K" => {
            let n: usize = fields[1].parse().map_err(|_| "bad count".to_string())?;
            let classes: Vec<&str> = found.iter().map(|q| q.class.as_str()).collect();
            let want: Vec<&str> = if fields[2] == "-" {
                vec![]
            } else {
                fields[2].split(',').collect()
            };
            if found.len() == n && classes == want {
                Ok(())
            } else {
                Err(format!(
                    "{sentence:?}: want {n} {want:?}, got {}",
                    describe(&found)
                ))
            }
        }
        "Q" => check_quantity(sentence, &fields, &found),
        _ => Err(format!("bad row kind in {line:?}")),
    }
}

fn check_quantity(sentence: &str, f: &[&str], found: &[Quantity]) -> Result<(), String> {
    let Some(q) = found.iter().find(|q| q.text == f[1]) else {
        return Err(format!(
            "{sentence:?}: no quantity {:?} in {}",
            f[1],
            describe(found)
        ));
    };
    let mut errors = Vec::new();
    if q.class.as_str() != f[2] {
        errors.push(format!("class {} != {}", q.class.as_str(), f[2]));
    }
    if !close(q.stated, num(f[3])) {
        errors.push(format!("stated {:?} != {}", q.stated, f[3]));
    }
    if q.qualifier.as_str() != f[4] {
        errors.push(format!("qualifier {} != {}", q.qualifier.as_str(), f[4]));
    }
    if !close(q.lo, num(f[5])) || !close(q.hi, num(f[6])) {
        errors.push(format!("hard {:?}..{:?} != {}..{}", q.lo, q.hi, f[5], f[6]));
    }
    let unit = (f[7] != "-").then_some(f[7]);
    if q.unit.as_deref() != unit {
        errors.push(format!("unit {:?} != {:?}", q.unit, unit));
    }
    if q.delta.to_string() != f[8] {
        errors.push(format!("delta {} != {}", q.delta, f[8]));
    }
    if f.len() > 10 && (!close(q.soft_lo, num(f[9])) || !close(q.soft_hi, num(f[10]))) {
        errors.push(format!(
            "soft {:?}..{:?} != {}..{}",
            q.soft_lo, q.soft_hi, f[9], f[10]
        ));
    }
    if sentence.get(q.start..q.end) != Some(q.text.as_str()) {
        errors.push("span does not match text".to_string());
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!("{sentence:?} [{}]: {}", f[1], errors.join("; ")))
    }
}

fn rows() -> impl Iterator<Item = &'static str> {
    ROWS.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[test]
fn table_has_enough_rows() {
    assert!(rows().count() >= 150, "only {} rows", rows().count());
}

#[test]
fn table() {
    let failures: Vec<String> = rows().filter_map(|l| check(l).err()).collect();
    let total = rows().count();
    assert!(
        failures.is_empty(),
        "{} of {total} rows failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
