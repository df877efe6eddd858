// Self-tests on provision pages, progress on the home page and in the navigation, and the mock exam.
//
// One store for all progress, in this browser only (localStorage, key STORE):
//   correct  {item id: true}            answered right at least once (a provision is 已掌握 when all its items are)
//   answers  {item id: {given, right, at}}  the last answer to each item, restored on the provision page
//   studied  {provision slug: time}     marked 已学 by the learner
//   last     {url, title, at}           the provision page read last (继续学习)
// It can be saved to a file and read back (a learner changes phones).
(function () {
  "use strict";

  var STORE = "reg-progress-v2";
  var OLD_STORE = "reg-quiz-correct-v1";  // the first version kept only `correct`
  var FORMAT = "jianfu-progress";
  var LETTERS = "ABCDEF";
  var TYPE_LABELS = { single: "单选题", multiple: "多选题", truefalse: "判断题", fill: "填空题" };

  // -- the store ----------------------------------------------------------------------

  function emptyStore() { return { correct: {}, answers: {}, studied: {}, last: null }; }

  function clean(data) {
    var store = emptyStore();
    if (!data || typeof data !== "object") return store;
    ["correct", "answers", "studied"].forEach(function (key) {
      if (data[key] && typeof data[key] === "object" && !Array.isArray(data[key])) store[key] = data[key];
    });
    if (data.last && typeof data.last === "object" && typeof data.last.url === "string") store.last = data.last;
    return store;
  }

  function load() {
    var store;
    try { store = clean(JSON.parse(localStorage.getItem(STORE))); } catch (e) { store = emptyStore(); }
    try {
      var old = JSON.parse(localStorage.getItem(OLD_STORE));
      if (old && typeof old === "object") {
        Object.keys(old).forEach(function (id) { if (old[id]) store.correct[id] = true; });
        localStorage.removeItem(OLD_STORE);
        save(store);
      }
    } catch (e) { /* nothing to carry over */ }
    return store;
  }

  function save(store) {
    try { localStorage.setItem(STORE, JSON.stringify(store)); } catch (e) { /* private mode: no memory */ }
  }

  function update(change) {
    var store = load();
    change(store);
    save(store);
    return store;
  }

  // Another phone's progress, merged in: what was learnt stays learnt; the newer answer wins.
  function merge(store, other) {
    Object.keys(other.correct).forEach(function (id) { if (other.correct[id]) store.correct[id] = true; });
    Object.keys(other.studied).forEach(function (slug) { store.studied[slug] = store.studied[slug] || other.studied[slug]; });
    Object.keys(other.answers).forEach(function (id) {
      var theirs = other.answers[id], ours = store.answers[id];
      if (theirs && (!ours || (theirs.at || 0) > (ours.at || 0))) store.answers[id] = theirs;
    });
    if (other.last && (!store.last || (other.last.at || 0) > (store.last.at || 0))) store.last = other.last;
    return store;
  }

  // -- answers --------------------------------------------------------------------------

  // Blanks are compared with full/half width, case and spaces aside (as site_plugins/quiz.py does).
  function normalize(text) { return String(text).normalize("NFKC").replace(/\s+/g, "").toLowerCase(); }

  // What the learner chose in a set of controls named `name` inside `root`.
  function chosen(root, type, name) {
    if (type === "fill") {
      var input = root.querySelector("input[type=text]");
      return input ? input.value : "";
    }
    var values = [];
    root.querySelectorAll("input[name='" + name + "']:checked").forEach(function (input) { values.push(input.value); });
    return values;
  }

  function answered(type, given) { return type === "fill" ? String(given).trim() !== "" : given.length > 0; }

  function isRight(type, answer, accepted, given) {
    if (!answered(type, given)) return false;
    if (type === "fill") {
      var wanted = [answer].concat(accepted || []).map(normalize);
      return wanted.indexOf(normalize(given)) >= 0;
    }
    if (type === "truefalse") return given.length === 1 && given[0] === String(answer);
    return given.slice().sort().join("") === answer.join("");
  }

  function answerText(type, answer, accepted) {
    if (type === "truefalse") return answer ? "正确" : "错误";
    if (type === "fill") return [answer].concat(accepted || []).join("；");
    return answer.join("");
  }

  function givenText(type, given) {
    if (!answered(type, given)) return "未作答";
    if (type === "truefalse") return given[0] === "true" ? "正确" : "错误";
    return type === "fill" ? String(given).trim() : given.slice().sort().join("");
  }

  // -- provision pages: instant feedback, last answers restored, studied mark -----------

  function showResult(form, right, type, answer, accepted) {
    form.classList.toggle("reg-quiz--right", right);
    form.classList.toggle("reg-quiz--wrong", !right);
    form.querySelector(".reg-quiz__feedback").textContent =
      right ? "回答正确。" : "回答错误。正确答案：" + answerText(type, answer, accepted) + "。";
    form.querySelector(".reg-quiz__key").open = true;  // the explanation and the link to the passage
  }

  function restore(form, type, given) {
    if (type === "fill") {
      var input = form.querySelector("input[type=text]");
      if (input) input.value = given;
      return;
    }
    form.querySelectorAll("input").forEach(function (input) {
      if (input.type === "radio" || input.type === "checkbox") input.checked = given.indexOf(input.value) >= 0;
    });
  }

  function setupPageQuizzes() {
    var forms = document.querySelectorAll("form[data-quiz-item]");
    if (!forms.length) return;
    var score = document.querySelector("[data-quiz-score]");
    var results = {};
    function showScore() {
      if (!score) return;
      var done = Object.keys(results), correct = done.filter(function (k) { return results[k]; }).length;
      score.textContent = done.length ? "本页得分：答对 " + correct + " 题，已答 " + done.length + " 题，共 " + forms.length + " 题。"
        : "本页得分：尚未作答（共" + forms.length + "题）";
    }
    var store = load();
    forms.forEach(function (form) {
      var id = form.dataset.quizItem, type = form.dataset.type;
      var answer = JSON.parse(form.dataset.answer), accepted = JSON.parse(form.dataset.accepted);
      var last = store.answers[id];
      if (last && answered(type, last.given)) {
        restore(form, type, last.given);
        results[id] = isRight(type, answer, accepted, last.given);
        showResult(form, results[id], type, answer, accepted);
      }
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var given = chosen(form, type, id);
        if (!answered(type, given)) {
          form.querySelector(".reg-quiz__feedback").textContent = "请先作答。";
          return;
        }
        var right = isRight(type, answer, accepted, given);
        results[id] = right;
        update(function (s) {
          s.answers[id] = { given: given, right: right, at: Date.now() };
          if (right) s.correct[id] = true;
        });
        showResult(form, right, type, answer, accepted);
        showScore();
      });
    });
    showScore();
    var clear = document.querySelector("[data-quiz-clear]");
    if (clear) clear.hidden = false;
    if (clear) clear.addEventListener("click", function () {
      update(function (s) {
        forms.forEach(function (form) { delete s.answers[form.dataset.quizItem]; delete s.correct[form.dataset.quizItem]; });
      });
      forms.forEach(function (form) {
        form.reset();
        form.classList.remove("reg-quiz--right", "reg-quiz--wrong");
        form.querySelector(".reg-quiz__feedback").textContent = "";
        form.querySelector(".reg-quiz__key").open = false;
      });
      results = {};
      showScore();
    });
  }

  function setupStudied() {
    var page = document.querySelector("[data-provision-page]");
    if (!page) return;
    var slug = page.dataset.provisionPage;
    update(function (s) { s.last = { url: location.pathname, title: page.dataset.title, at: Date.now() }; });
    var button = page.querySelector("[data-studied-toggle]");
    if (!button) return;
    function show() {
      var studied = !!load().studied[slug];
      button.setAttribute("aria-pressed", String(studied));
      button.textContent = studied ? "✓ 已学（点击取消）" : "标记为已学";
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      update(function (s) { if (s.studied[slug]) delete s.studied[slug]; else s.studied[slug] = Date.now(); });
      show();
      markNavigation();
    });
    show();
  }

  // -- home page and navigation: what is studied and mastered ----------------------------

  function mastered(store, li) {
    var ids = li.dataset.quiz.split(" ").filter(Boolean);
    return ids.length > 0 && ids.every(function (id) { return store.correct[id]; });
  }

  function showProgress() {
    var items = document.querySelectorAll("li[data-quiz]");
    if (!items.length) return;
    var store = load(), done = 0, studied = 0;
    items.forEach(function (li) {
      var isDone = mastered(store, li), isStudied = !!store.studied[li.dataset.slug];
      if (isDone) done += 1;
      if (isStudied) studied += 1;
      li.classList.toggle("reg-mastered", isDone);
      var mark = li.querySelector(".reg-mastery");
      if (mark) mark.textContent = [isStudied ? "✓已学" : "", isDone ? "✓已掌握" : ""].filter(Boolean).join(" ");
    });
    document.querySelectorAll("[data-progress-summary]").forEach(function (summary) {
      summary.textContent = "已学 " + studied + " / " + items.length + " 条，已掌握 " + done + " / " + items.length + " 条。";
    });
    document.querySelectorAll("[data-quiz-summary]").forEach(function (summary) {
      summary.textContent = "已掌握 " + done + " / " + items.length + " 条。";
    });
    var next = document.querySelector("[data-continue]");
    if (next && store.last) {
      var link = next.querySelector("a");
      link.href = store.last.url;
      link.textContent = "继续学习：" + store.last.title;
      next.hidden = false;
    } else if (next) {
      next.hidden = true;
    }
  }

  function markNavigation() {
    var store = load();
    document.querySelectorAll(".md-nav__link[href]").forEach(function (link) {
      var match = link.href.match(/\/provisions\/([a-z0-9-]+)(?:\/|\/index\.html|\.html)$/);  // online; offline
      if (!match) return;
      var mark = link.querySelector(".reg-nav-studied");
      if (store.studied[match[1]] && !mark) {
        mark = document.createElement("span");
        mark.className = "reg-nav-studied";
        mark.textContent = "（已学）";
        link.appendChild(mark);
      } else if (!store.studied[match[1]] && mark) {
        mark.remove();
      }
    });
  }

  function setupReset() {
    document.querySelectorAll("[data-quiz-reset]").forEach(function (button) {
      button.addEventListener("click", function () {
        if (!window.confirm("清除本机保存的全部学习记录（答题、已学、已掌握）？")) return;
        try { localStorage.removeItem(STORE); localStorage.removeItem(OLD_STORE); } catch (e) { /* nothing stored */ }
        showProgress();
        markNavigation();
      });
    });
  }

  function setupTransfer() {
    var exportButton = document.querySelector("[data-progress-export]");
    var importInput = document.querySelector("[data-progress-import]");
    var status = document.querySelector("[data-progress-status]");
    if (exportButton) exportButton.addEventListener("click", function () {
      var store = load();
      var data = JSON.stringify({ format: FORMAT, version: 2, exported: new Date().toISOString(),
                                  correct: store.correct, answers: store.answers, studied: store.studied, last: store.last });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([data], { type: "application/json" }));
      link.download = "学习记录-" + new Date().toISOString().slice(0, 10) + ".json";
      document.body.appendChild(link);
      link.click();
      link.remove();
      if (status) status.textContent = "已导出学习记录。";
    });
    if (importInput) importInput.addEventListener("change", function () {
      var file = importInput.files && importInput.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var data;
        try { data = JSON.parse(text); } catch (e) { data = null; }
        if (!data || data.format !== FORMAT) {
          if (status) status.textContent = "这个文件不是本站导出的学习记录，未导入。";
          return;
        }
        update(function (s) { merge(s, clean(data)); });
        showProgress();
        markNavigation();
        if (status) status.textContent = "已导入学习记录，并与本机的记录合并。";
      });
      importInput.value = "";
    });
  }

  // -- the mock exam ------------------------------------------------------------------

  function shuffle(list) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1)), t = list[i];
      list[i] = list[j]; list[j] = t;
    }
    return list;
  }

  function optionsOf(item) {
    return item.type === "truefalse" ? [["true", "正确"], ["false", "错误"]]
      : (item.options || []).map(function (text, i) { return [LETTERS[i], LETTERS[i] + ". " + text]; });
  }

  function renderExamItem(item, n) {
    var node = document.getElementById("reg-exam-item").content.firstElementChild.cloneNode(true);
    node.dataset.item = item.id;
    node.querySelector(".reg-quiz__number").textContent = n + ".";
    node.querySelector(".reg-quiz__kind").textContent = "〔" + TYPE_LABELS[item.type] + "〕";
    node.querySelector(".reg-quiz__question").textContent = item.question;
    var choices = node.querySelector(".reg-quiz__choices");
    if (item.type === "fill") {
      choices.appendChild(document.getElementById("reg-exam-blank").content.firstElementChild.cloneNode(true));
    } else {
      optionsOf(item).forEach(function (option) {
        var label = document.getElementById("reg-exam-option").content.firstElementChild.cloneNode(true);
        var input = label.querySelector("input");
        input.type = item.type === "multiple" ? "checkbox" : "radio";
        input.name = "exam-" + item.id;
        input.value = option[0];
        label.querySelector("span").textContent = option[1];
        choices.appendChild(label);
      });
    }
    return node;
  }

  // One item to review: the question, its options, the learner's answer, the right one and why.
  function renderReview(item, given, provisions) {
    var li = document.getElementById("reg-exam-wrong").content.firstElementChild.cloneNode(true);
    li.querySelector(".reg-exam-wrong__question").textContent = item.question;
    var list = li.querySelector(".reg-exam-wrong__options");
    if (item.type === "fill") list.remove();
    else optionsOf(item).forEach(function (option) {
      var row = document.createElement("li");
      row.textContent = option[1];
      list.appendChild(row);
    });
    li.querySelector(".reg-exam-wrong__given").textContent = givenText(item.type, given);
    li.querySelector(".reg-exam-wrong__answer").textContent = answerText(item.type, item.answer, item.accepted);
    li.querySelector(".reg-exam-wrong__explanation").textContent = item.explanation;
    var home = provisions[String(item.provisions[0])];
    var link = li.querySelector(".reg-exam-wrong__link");
    link.href = home.url + "#" + item.passage;
    link.textContent = "见" + home.label;
    return li;
  }

  function readBank(setup) {
    var inline = document.getElementById("reg-quiz-bank");  // the offline edition carries the bank in the page
    if (inline) return Promise.resolve(JSON.parse(inline.textContent).items);
    return fetch(setup.dataset.bank).then(function (r) { return r.json(); }).then(function (data) { return data.items; });
  }

  function setupExam() {
    var setup = document.querySelector("[data-exam-setup]");
    if (!setup) return;
    var exam = document.querySelector("[data-exam]");
    var result = document.querySelector("[data-exam-result]");
    var notice = exam.querySelector("[data-exam-notice]");
    var provisions = JSON.parse(setup.dataset.provisions);
    var bank = null, drawn = [], warned = false;

    setup.addEventListener("submit", function (event) {
      event.preventDefault();
      var count = parseInt(setup.elements.count.value, 10) || 1;
      var start = function () {
        drawn = shuffle(bank.slice()).slice(0, Math.min(count, bank.length));
        var holder = exam.querySelector("[data-exam-items]");
        holder.textContent = "";
        drawn.forEach(function (item, i) { holder.appendChild(renderExamItem(item, i + 1)); });
        exam.hidden = false;
        result.hidden = true;
        warned = false;
        notice.textContent = "";
        holder.querySelector("input").focus();
      };
      if (bank) return start();
      readBank(setup).then(function (items) { bank = items; start(); });
    });

    exam.addEventListener("submit", function (event) {
      event.preventDefault();
      var answers = drawn.map(function (item) {
        return chosen(exam.querySelector("[data-item='" + item.id + "']"), item.type, "exam-" + item.id);
      });
      var missing = drawn.filter(function (item, i) { return !answered(item.type, answers[i]); }).length;
      if (missing && !warned) {
        warned = true;
        notice.textContent = "还有 " + missing + " 题未作答。再按一次“交卷”，未答的题按答错计。";
        return;
      }
      var right = 0, review = result.querySelector("[data-exam-wrong]");
      review.textContent = "";
      update(function (s) {
        drawn.forEach(function (item, i) {
          if (isRight(item.type, item.answer, item.accepted, answers[i])) { right += 1; s.correct[item.id] = true; return; }
          review.appendChild(renderReview(item, answers[i], provisions));
        });
      });
      result.querySelector("[data-exam-score]").textContent =
        "共 " + drawn.length + " 题，答对 " + right + " 题，" + (missing ? "未答 " + missing + " 题，" : "") +
        "得分 " + Math.round(100 * right / drawn.length) + " 分（百分制）。";
      result.querySelector("[data-exam-review]").hidden = right === drawn.length;
      exam.hidden = true;
      result.hidden = false;
      var heading = result.querySelector("h2");
      heading.focus({ preventScroll: true });
      heading.scrollIntoView();  // its scroll-margin keeps it clear of the sticky header
    });

    result.querySelector("[data-exam-again]").addEventListener("click", function () {
      result.hidden = true;
      setup.elements.count.focus();
    });
  }

  function init() {
    setupPageQuizzes();
    setupStudied();
    showProgress();
    markNavigation();
    setupReset();
    setupTransfer();
    setupExam();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
