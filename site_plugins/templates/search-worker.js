// Material's search worker ({{ material_worker }}), with fixes for Chinese queries.
//
// 1. A provision's number finds that provision: 第9条, 第九条, 9条 and 九 become the
//    required terms 第, 9 and 条, which only its title holds together.
// 2. Words, not characters. The index holds the words jieba cut at build time (借调,
//    政务, app); Material cuts a Chinese query into the index's words but never takes
//    a word that ends the query, so 借调 became 借 and highlighted every 借 on a page.
//    Each Chinese run of the query is cut here, longest index word first, and each word
//    is handed on followed by a character no page holds (SENTINEL), so that Material's
//    cut keeps it whole. 政务App becomes 政务 and app. A word no page holds (太多 in
//    开会太多) is left out rather than failing the whole query.
//    Material ranks pages by how many of the words they hold; a provision's keywords are
//    its search tags (site.py), so it comes first for its own terms.
var SENTINEL = "\u3400";  // 㐀, a CJK character outside any page
var NUMERALS = "{{ numerals }}";
var regWords = Object.create(null);  // the Chinese words of the index
var regSeparator = /[\s\u200b]+/;
var regQueryWords = [];  // the words of the last query, to order its results; none for a provision's number

function regNumber(text) {  // 九 → 9, 十二 → 12, 21 → 21
  if (/^[0-9]+$/.test(text)) return parseInt(text, 10);
  var tens = text.indexOf("十");
  if (tens < 0) return text.length === 1 ? NUMERALS.indexOf(text) : -1;
  var before = tens === 0 ? 1 : NUMERALS.indexOf(text.charAt(0));
  var after = tens === text.length - 1 ? 0 : NUMERALS.indexOf(text.charAt(tens + 1));
  return before > 0 && after >= 0 ? before * 10 + after : -1;
}

function regCut(run) {  // longest index word first; an unknown character stands alone
  var words = [];
  for (var i = 0; i < run.length;) {
    var end = Math.min(run.length, i + 12);
    while (end > i + 1 && !(run.slice(i, end) in regWords)) end--;
    words.push(run.slice(i, end));
    i = end;
  }
  return words;
}

function regNumberQuery(query) {  // 第9条, 第九条, 9条, 9, 九: the provision's number; 0 if none
  var number = query.trim().match(new RegExp("^第?\\s*([0-9]{1,2}|[" + NUMERALS.slice(1) + "]{1,3})\\s*条?$"));
  return number ? Math.max(regNumber(number[1]), 0) : 0;
}

function regRewrite(query) {
  var n = regNumberQuery(query);
  regQueryWords = n > 0 ? [] : [].concat.apply([], (query.match(/\p{sc=Han}+|[A-Za-z0-9]+/gu) || []).map(function (run) {
    return /\p{sc=Han}/u.test(run) ? regKnown(run) : [run.toLowerCase()];
  }));
  if (n > 0) return "\"第" + SENTINEL + " " + n + " 条" + SENTINEL + "\"";
  return query.replace(/\p{sc=Han}+/gu, function (run) {
    return " " + regKnown(run).map(function (word) { return word + SENTINEL; }).join(" ") + " ";
  }).replace(/\s+/g, " ").trim();
}

function regKnown(run) {  // the run's words that some page holds (开会太多: 开会); all of them if none is known
  var words = regCut(run);
  var known = words.filter(function (word) { return word in regWords; });
  return known.length ? known : words;
}

addEventListener("message", function (event) {
  var message = event.data;
  if (!message) return;
  if (message.type === 0 && message.data) {  // SETUP: learn the index's words
    try { regSeparator = new RegExp(message.data.config.separator, "u"); } catch (e) { /* keep the default */ }
    (message.data.docs || []).forEach(function (doc) {
      (String(doc.title || "") + " " + String(doc.text || "")).replace(/<[^>]*>/g, " ").split(regSeparator)
        .forEach(function (word) { if (/^\p{sc=Han}+$/u.test(word)) regWords[word] = true; });
    });
  } else if (message.type === 2) {  // QUERY
    message.data = regRewrite(String(message.data || ""));
  }
});

// Pages with a section that holds every word of the query come first, in Material's order;
// the pages that hold only some follow (工作群打卡: the page on 打卡 before pages on 工作).
var regPost = self.postMessage.bind(self);
function regPlain(html) {
  return String(html || "").replace(/<[^>]*>/g, "").replace(/\u200b/g, "").toLowerCase();
}
self.postMessage = function (message) {
  if (message && message.type === 3 && message.data && message.data.items && regQueryWords.length) {  // RESULT
    var all = [], some = [];
    message.data.items.forEach(function (group) {
      var whole = group.some(function (item) {
        var text = regPlain(item.title) + regPlain(item.text);
        return regQueryWords.every(function (word) { return text.indexOf(word) >= 0; });
      });
      (whole ? all : some).push(group);
    });
    message.data.items = all.concat(some);
  }
  regPost(message);
};

// Material's worker sits beside this one. Offline (file://) this script runs in the iframe-worker shim,
// whose iframe resolves addresses against the page, not this script: resolve against this script.
var regHere = typeof document !== "undefined" && document.currentScript ? document.currentScript.src : self.location.href;
importScripts(new URL("{{ material_worker }}", regHere).href);
