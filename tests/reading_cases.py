"""Read as a person would: a sentence as written -> what the voice says (English), each checked through
the `spoken` field of a render's `<video>.words.json`. One sentence each: the sentence split must keep it
whole ("Dr. Smith arrived." is one sentence)."""

READINGS = [
    # years (a bare 1100-2099 is a year unless it counts something; separators make it a number)
    ("The fire came in 1666.", "The fire came in sixteen sixty-six."),
    ("1666 was a hard year.", "sixteen sixty-six was a hard year."),
    ("By 2024 it had changed.", "By twenty twenty-four it had changed."),
    ("It happened in 2008.", "It happened in two thousand eight."),
    ("She was born in 1905.", "She was born in nineteen oh five."),
    ("The year 1900 began quietly.", "The year nineteen hundred began quietly."),
    ("About 2,000 people came.", "About two thousand people came."),
    ("There were 1500 people there.", "There were one thousand five hundred people there."),
    ("It lasted 1200 years.", "It lasted one thousand two hundred years."),
    ("The 1990s were loud.", "The nineteen nineties were loud."),
    ("William landed in 1066.", "William landed in ten sixty-six."),
    ("Rome fell in 476 AD.", "Rome fell in four hundred seventy-six A D."),
    # money
    ("A coffee costs $4.50 here.", "A coffee costs four dollars fifty here."),
    ("It costs $1 now.", "It costs one dollar now."),
    ("Tickets are €3 each.", "Tickets are three euros each."),
    ("The house sold for £1.2 million.", "The house sold for one point two million pounds."),
    ("Change of $0.50 came back.", "Change of fifty cents came back."),
    ("He paid £4.50 for lunch.", "He paid four pounds fifty for lunch."),
    ("The budget is $2.5 billion.", "The budget is two point five billion dollars."),
    ("It was ¥500 in Tokyo.", "It was five hundred yen in Tokyo."),
    ("The debt rose by $3,000.", "The debt rose by three thousand dollars."),
    # percentages
    ("Prices rose 42% last year.", "Prices rose forty-two percent last year."),
    ("Only 3.5% voted.", "Only three point five percent voted."),
    ("Growth was 3–5% a year.", "Growth was three to five percent a year."),
    ("Sales fell -2% overnight.", "Sales fell minus two percent overnight."),
    # ordinals
    ("She came 1st in the race.", "She came first in the race."),
    ("It was the 22nd of May.", "It was the twenty-second of May."),
    ("The 3rd try worked.", "The third try worked."),
    ("The 100th visitor won.", "The one hundredth visitor won."),
    ("The 11th hour came.", "The eleventh hour came."),
    # ranges
    ("Wait 3–5 days for it.", "Wait three to five days for it."),
    ("The war of 1939–1945 changed everything.", "The war of nineteen thirty-nine to nineteen forty-five changed "
                                                 "everything."),
    ("From 1990-1995 it grew.", "From nineteen ninety to nineteen ninety-five it grew."),
    ("Read pages 10–20 tonight.", "Read pages ten to twenty tonight."),
    # times
    ("We meet at 3:30 pm today.", "We meet at three thirty P M today."),
    ("The shop opens at 9 a.m. sharp.", "The shop opens at nine A M sharp."),
    ("The train leaves at 15:45 daily.", "The train leaves at fifteen forty-five daily."),
    ("Lunch is at 12:00 on Fridays.", "Lunch is at twelve o'clock on Fridays."),
    ("It ended at 7:05 pm.", "It ended at seven oh five P M."),
    # decimals, large numbers, negative numbers
    ("Pi is about 3.14 in short.", "Pi is about three point one four in short."),
    ("It is 0.25 of the total.", "It is zero point two five of the total."),
    ("The city has 1,250,000 residents.", "The city has one million two hundred fifty thousand residents."),
    ("It dropped to -40 overnight.", "It dropped to minus forty overnight."),
    ("The sum was 12345 exactly.", "The sum was twelve thousand three hundred forty-five exactly."),
    ("Set it to -3.5 now.", "Set it to minus three point five now."),
    # abbreviations: read right, and none of them ends the sentence
    ("Dr. Smith arrived.", "Doctor Smith arrived."),
    ("Mr. Jones and Mrs. Jones came.", "Mister Jones and Missus Jones came."),
    ("Eat fruit, e.g. apples.", "Eat fruit, for example apples."),
    ("One thing, i.e. this one, matters.", "One thing, that is this one, matters."),
    ("We sold apples, pears, etc.", "We sold apples, pears, et cetera."),
    ("It was England vs. France.", "It was England versus France."),
    ("Room No. 5 is free.", "Room number five is free."),
    ("It weighs approx. 3 kg.", "It weighs approximately three kilograms."),
    ("Prof. Lee spoke first.", "Professor Lee spoke first."),
    ("They climbed Mt. Everest.", "They climbed Mount Everest."),
    ("See Fig. 2 for more.", "See Figure two for more."),
    ("Martin Luther King Jr. spoke.", "Martin Luther King Junior spoke."),
    # units
    ("It is 3.5 km away.", "It is three point five kilometres away."),
    ("The plant makes 5 GW of power.", "The plant makes five gigawatts of power."),
    ("A battery of 3000 mAh lasts.", "A battery of three thousand milliamp hours lasts."),
    ("Light travels at 300,000 km/s.", "Light travels at three hundred thousand kilometres per second."),
    ("The dose was 20 mSv in total.", "The dose was twenty millisieverts in total."),
    ("It holds 2 L of water.", "It holds two litres of water."),
    ("The air holds 420 ppm of carbon dioxide.", "The air holds four hundred twenty parts per million of carbon "
                                                 "dioxide."),
    ("The chip runs at 3.2 GHz.", "The chip runs at three point two gigahertz."),
    ("The water was 30°C.", "The water was thirty degrees Celsius."),
    ("It has a 5 MWh battery.", "It has a five megawatt hours battery."),
    ("It weighs 1 kg.", "It weighs one kilogram."),
]

# a written word and what is said for it, as words.json pairs them
PAIRS = [("1666.", "sixteen sixty-six."), ("$4.50", "four dollars fifty"), ("2,000", "two thousand"),
         ("3:30 pm", "three thirty P M"), ("Dr.", "Doctor"), ("e.g.", "for example"), ("22nd", "twenty-second"),
         ("3–5%", "three to five percent"), ("£1.2 million.", "one point two million pounds."), ("1st", "first")]
