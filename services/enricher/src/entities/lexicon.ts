// Small word lists that generalise beyond the training data: titles before person names, head
// words of organisation and place names, and common given names. Stored in normal form
// (normalizeToken): Arabic without hamza-alef forms or ta marbuta, English in lower case.
import { normalizeToken } from './names.js';

const words = (s: string): Set<string> => new Set(s.trim().split(/\s+/).map(normalizeToken));

export const TITLES = words(`
الرئيس رئيس رئيسة الرئيسة وزير الوزير وزيرة الملك الملكة الأمير الأميرة الشيخ الشيخة السيد السيدة الدكتور الدكتورة
المستشار المستشارة الجنرال اللواء العقيد العميد الفريق المشير النائب النائبة السفير السفيرة المتحدث الناطق نظيره
نظيرته نظيريه نظراءه الإمام البابا الأمين المبعوث الممثل الممثلة المدرب اللاعب الكاتب الكاتبة الفنان الفنانة المخرج الشاعر
الروائي الزعيم القائد ولي النجم النجمة الصحفي الباحث البروفيسور القاضي المحامي المطرب المطربة المغني المغنية الحاج
المرشح المرشحة المفوض السلطان الأمير العاهل الملا آية المرشد المطران الأب القس الحاخام الرئيسان الوزيران
president prime minister mr mr. mrs mrs. ms ms. dr dr. sir king queen prince princess general gen. colonel col.
lieutenant lt. captain capt. sergeant sgt. senator sen. rep. representative governor gov. mayor judge justice pope
bishop archbishop father rabbi sheikh chancellor secretary ambassador professor prof. lord lady saint st. admiral
marshal commander chief spokesman spokeswoman leader coach singer actor actress player striker manager director
founder ceo chairman emir sultan ayatollah imam cardinal reverend rev. premier vice deputy dame
`);

export const ORG_HEADS = words(`
شركة الشركة منظمة المنظمة مؤسسة المؤسسة جامعة الجامعة حزب الحزب حركة الحركة جبهة الجبهة مجلس المجلس وزارة الوزارة هيئة
الهيئة وكالة الوكالة اتحاد الاتحاد جمعية الجمعية بنك البنك مصرف المصرف نادي النادي فريق الفريق صحيفة الصحيفة قناة القناة
جماعة الجماعة تنظيم التنظيم لجنة اللجنة معهد المعهد مركز المركز مجموعة المجموعة تحالف التحالف كتائب جيش الجيش قوات القوات
محكمة المحكمة برلمان البرلمان إذاعة الإذاعة مجلة المجلة مستشفى المستشفى كلية الكلية أكاديمية الأكاديمية بورصة البورصة
inc inc. corp corp. corporation company co co. ltd ltd. llc plc group university college institute association society
party council committee ministry department agency bank club fc united records band church foundation organization
organisation union league federation army force forces front movement times news post journal airlines airways studios
school academy board commission corps brigade brigades network press television radio tv
squadron regiment battalion division navy police senate congress parliament assembly court tribunal railway railways
entertainment games software systems technologies motors industries holdings partners fund trust orchestra choir
theatre theater museum library hospital gazette herald tribune chronicle magazine publishing studio labs laboratory
authority service services office bureau directorate cabinet government administration coalition alliance
`);

/**
 * English words that end only organisations' names ("Acme Corp", "Labour Party", "Ajax FC"): a
 * narrower list than ORG_HEADS, without "Bank" (West Bank), "Union" (Soviet Union) or "United"
 * (United States), which also end places.
 */
export const ORG_SUFFIXES = words(`
inc corp corporation co ltd llc plc ag gmbh fc afc party ministry university association committee council federation
league airlines airways group institute college agency commission foundation society club
`);

/** Nationality and people adjectives: in CoNLL-style annotation a MISC of their own, never the start of a place. */
export const DEMONYMS = words(`
american british english french german italian spanish portuguese dutch belgian swiss austrian swedish norwegian
danish finnish irish scottish welsh polish czech slovak hungarian romanian bulgarian greek turkish russian ukrainian
belarusian serbian croatian bosnian albanian georgian armenian azerbaijani iranian iraqi syrian lebanese jordanian
israeli palestinian egyptian libyan tunisian algerian moroccan sudanese saudi yemeni omani emirati qatari kuwaiti
bahraini afghan pakistani indian bangladeshi chinese japanese korean vietnamese thai indonesian malaysian filipino
australian canadian mexican brazilian argentine argentinian chilean colombian venezuelan peruvian cuban nigerian
kenyan ethiopian somali african european asian arab arabic kurdish jewish muslim christian catholic protestant
soviet roman latin persian ottoman byzantine hispanic western eastern northern southern
`);

export const PLACE_HEADS = words(`
مدينة المدينة محافظة المحافظة ولاية الولاية منطقة المنطقة إقليم الإقليم بلدة البلدة قرية القرية جزيرة الجزيرة جزر نهر النهر
بحر البحر جبل الجبل جبال مقاطعة المقاطعة عاصمة العاصمة حي مخيم ميناء مطار شارع ساحة ريف بلدية ضاحية صحراء وادي سهل
خليج مضيق قضاء ناحية دولة بلاد عواصم مدن
city county river lake mountain mountains mount island islands valley province state street road avenue bay sea
ocean park square airport bridge beach district region kingdom republic coast desert hill hills peninsula canal
strait gulf port cape fort castle palace stadium town village
`);

export const GIVEN_NAMES = words(`
محمد أحمد علي حسن حسين محمود مصطفى إبراهيم خالد عمر عثمان يوسف عبد عبدالله عبدالرحمن عبدالعزيز سعيد سعد صالح سليمان
سلمان فهد فيصل ناصر جمال كمال طارق زياد وليد هشام هاني سامي رامي نبيل عادل عماد إياد أيمن مازن ماهر منير نادر نزار
رشيد رياض زكي سمير شريف صلاح طه عاطف عصام فؤاد فاروق فريد قاسم كريم لطفي مجدي مراد معتز منصور نجيب نور هيثم ياسر يحيى
يونس جورج ميشال ميشيل بيار جان جوزيف إيلي فادي طوني شارل فاطمة عائشة مريم زينب خديجة سارة ليلى هدى منى نادية سعاد
سلوى رانيا دينا ريم لينا هالة أمل إيمان
أسامة أنور أشرف أكرم باسل باسم بسام بشار بشير توفيق ثامر جابر جعفر جلال حاتم حافظ حامد حمدي حمزة حازم خليل خليفة
داود راشد رائد رضا رفيق زهير سالم سامح سلطان شادي شاكر شوقي صابر صادق صبري صفوت ضياء طلال طلعت عاصم عامر
عدنان عزت عزيز علاء عمار عمرو عوض غازي غسان فارس فتحي فراس فوزي قيس كامل لؤي مالك مأمون
محسن مدحت مروان مسعود معاذ مهدي موسى ميلاد نائل ناجي نبيه نصر نعيم هادي هاشم وائل وجدي وسام وصفي ياسين يزيد
حجاج عنتر محرم متعب مشعل منذر نواف بندر تركي مقرن سعود عبدالإله عبدالرحيم عبدالمجيد عبدالسلام عبدالكريم عبدالفتاح
عبدالحميد عبدالقادر عبداللطيف عبدالملك عبدالناصر عبدالوهاب عبدالحليم أبو ابو بن ابن
أسماء آمنة بثينة جميلة حنان خلود دعاء رحاب رشا رغدة سميرة سهى سوسن شيماء صفاء عبير عزة غادة فدوى فريدة كوثر لبنى
لمياء ماجدة مها ميرفت نجلاء نسرين نهى نوال هبة هند وفاء يسرا ياسمين أميرة إلهام بسمة جيهان ديانا رزان سناء
john james robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark donald
steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric
jonathan stephen larry justin scott brandon benjamin samuel frank gregory raymond alexander patrick jack dennis jerry
tyler aaron henry peter adam harry walter arthur albert carl roger louis fred victor martin hans karl friedrich
pierre jean jacques francois michel philippe alain bernard mary patricia jennifer linda elizabeth barbara susan jessica
sarah karen nancy lisa margaret betty sandra ashley dorothy kimberly emily donna michelle carol amanda melissa deborah
stephanie rebecca laura sharon cynthia kathleen amy angela helen anna maria catherine marie jane alice julia emma
vladimir sergei sergey dmitry ivan nikolai mikhail alexei yuri boris igor mohammed mohammad muhammad ahmed ali hassan
hussein omar khalid ibrahim mustafa abdul abdullah yusuf
hugh ian neil colin graham simon oliver noah liam ethan lucas mason logan owen caleb nathan luke isaac gabriel
julian leo max felix oscar hugo otto ernst wilhelm heinrich johann ludwig gustav carlos jose juan luis miguel
antonio manuel francisco javier diego pablo sergio rafael fernando ricardo eduardo alberto marco giuseppe giovanni
luca paolo andrea francesco alessandro matteo lorenzo emmanuel nicolas olivier thierry laurent vincent
dmitri andrei anatoly viktor leonid oleg pavel yevgeny valentina olga natalia tatiana svetlana irina yulia
elena sophia olivia isabella mia charlotte amelia harper evelyn abigail ella scarlett grace chloe victoria
lily hannah zoe nora riley leah hazel violet aurora savannah audrey claire lucy anne ruth joan diana
rose martha frances judith janet gloria teresa sara lauren rachel heather megan hillary kamala
theresa tony gordon jeremy keir rishi narendra recep bashar yair naftali xi shinzo fumio
`);
