/** Small HTML pages written for the API's tests. */

/** An Arabic news page: navigation, share bar, a captioned photo, two paragraphs, a footer. */
export const SARAQEB_PAGE = `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>قصف على بلدة سراقب | موقع الاختبار</title>
<meta property="og:site_name" content="موقع الاختبار">
<meta property="article:published_time" content="2019-06-12T09:30:00+03:00">
<link rel="canonical" href="https://example.org/news/saraqeb">
</head>
<body>
<nav><a href="/">الرئيسية</a> <a href="/syria">سورية</a> <a href="/world">العالم</a></nav>
<article>
<h1>قصف على بلدة سراقب</h1>
<div class="share-bar"><a href="#">شارك</a> <a href="#">تويتر</a></div>
<figure><img src="photo.jpg" alt=""><figcaption>آثار القصف على البلدة (عدسة شاب حلبي)</figcaption></figure>
<p>قصفت قوات النظام السوري بلدة سراقب في ريف إدلب الشرقي صباح اليوم الأربعاء بالمدفعية الثقيلة، ما أدى إلى مقتل ثلاثة مدنيين، بحسب الدفاع المدني.</p>
<p>وقال ناشطون إن القصف استهدف الأحياء السكنية وسط البلدة، وتسبب بدمار واسع في المنازل والمحال التجارية.</p>
</article>
<footer>جميع الحقوق محفوظة</footer>
</body>
</html>`;

/** An English page: extracted, then refused as not Arabic. */
export const ENGLISH_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Weather today</title></head>
<body><article><h1>Weather today</h1>
<p>The weather will be sunny across the region today, with light winds from the west in the afternoon.</p>
<p>Temperatures will rise slightly over the weekend, forecasters said on Monday morning.</p>
</article></body></html>`;
