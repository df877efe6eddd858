// Self-tests on provision pages, progress on the home page, and the mock exam.
// Progress lives in this browser only (localStorage): the ids of items answered right at least once.
(function () {
  "use strict";

  var KEY = "reg-quiz-correct-v1";
  var LETTERS = "ABCDEF";
  var TYPE_LABELS = { single: "单选题", multiple: "多选题", truefalse: "判断题", fill: "填空题" };

  function loadProgress() {
    try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function markCorrect(id) {
    var progress = loadProgress();
    progress[id] = true;
    try { localStorage.setItem(KEY, JSON.stringify(progress)); } catch (e) { /* private mode: no memory */ }
  }

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

  function isRight(type, answer, accepted, given) {
    if (type === "fill") {
      var wanted = [answer].concat(accepted || []).map(normalize);
      return given.trim() !== "" && wanted.indexOf(normalize(given)) >= 0;
    }
    if (type === "truefalse") return given.length === 1 && given[0] === String(answer);
    return given.slice().sort().join("") === answer.join("");
  }

  function answerText(type, answer, accepted) {
    if (type === "truefalse") return answer ? "正确" : "错误";
    if (type === "fill") return [answer].concat(accepted || []).join("；");
    return answer.join("");
  }

  // -- provision pages: instant feedback and a score for the page -----------------

  function setupPageQuizzes() {
    var forms = document.querySelectorAll("form[data-quiz-item]");
    if (!forms.length) return;
    var score = document.querySelector("[data-quiz-score]");
    var results = {};
    forms.forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var id = form.dataset.quizItem, type = form.dataset.type;
        var answer = JSON.parse(form.dataset.answer), accepted = JSON.parse(form.dataset.accepted);
        var given = chosen(form, type, id);
        var feedback = form.querySelector(".reg-quiz__feedback");
        if ((type === "fill" && !given.trim()) || (type !== "fill" && !given.length)) {
          feedback.textContent = "请先作答。";
          return;
        }
        var right = isRight(type, answer, accepted, given);
        results[id] = right;
        if (right) markCorrect(id);
        form.classList.toggle("reg-quiz--right", right);
        form.classList.toggle("reg-quiz--wrong", !right);
        feedback.textContent = right ? "回答正确。" : "回答错误。正确答案：" + answerText(type, answer, accepted) + "。";
        form.querySelector(".reg-quiz__key").open = true;  // the explanation and the link to the passage
        if (score) {
          var answered = Object.keys(results).length, correct = 0;
          Object.keys(results).forEach(function (k) { if (results[k]) correct += 1; });
          score.textContent = "本页得分：答对 " + correct + " 题，已答 " + answered + " 题，共 " + forms.length + " 题。";
        }
      });
    });
  }

  // -- home page: which provisions are mastered -----------------------------------

  function showProgress() {
    var items = document.querySelectorAll("li[data-quiz]");
    if (!items.length) return;
    var progress = loadProgress(), mastered = 0, total = 0;
    items.forEach(function (li) {
      var ids = li.dataset.quiz.split(" ").filter(Boolean);
      var mark = li.querySelector(".reg-mastery");
      total += 1;
      var done = ids.length > 0 && ids.every(function (id) { return progress[id]; });
      if (done) mastered += 1;
      li.classList.toggle("reg-mastered", done);
      if (mark) mark.textContent = done ? "✓已掌握" : "";
    });
    var summary = document.querySelector("[data-quiz-summary]");
    if (summary) summary.textContent = "已掌握 " + mastered + " / " + total + " 条。";
  }

  function setupReset() {
    document.querySelectorAll("[data-quiz-reset]").forEach(function (button) {
      button.addEventListener("click", function () {
        if (!window.confirm("清除本机保存的全部答题记录？")) return;
        try { localStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
        showProgress();
      });
    });
  }

  // -- the mock exam --------------------------------------------------------------

  function shuffle(list) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1)), t = list[i];
      list[i] = list[j]; list[j] = t;
    }
    return list;
  }

  function renderExamItem(item, n) {
    var node = document.getElementById("reg-exam-item").content.firstElementChild.cloneNode(true);
    node.dataset.item = item.id;
    node.querySelector(".reg-quiz__number").textContent = n + ".";
    node.querySelector(".reg-quiz__kind").textContent = "〔" + TYPE_LABELS[item.type] + "〕";
    node.querySelector(".reg-quiz__question").textContent = item.question;
    var choices = node.querySelector(".reg-quiz__choices");
    var name = "exam-" + item.id;
    var options = item.type === "truefalse" ? [["true", "正确"], ["false", "错误"]]
      : item.options.map(function (text, i) { return [LETTERS[i], LETTERS[i] + ". " + text]; });
    if (item.type === "fill") {
      choices.appendChild(document.getElementById("reg-exam-blank").content.firstElementChild.cloneNode(true));
    } else {
      options.forEach(function (option) {
        var label = document.getElementById("reg-exam-option").content.firstElementChild.cloneNode(true);
        var input = label.querySelector("input");
        input.type = item.type === "multiple" ? "checkbox" : "radio";
        input.name = name;
        input.value = option[0];
        label.querySelector("span").textContent = option[1];
        choices.appendChild(label);
      });
    }
    return node;
  }

  function setupExam() {
    var setup = document.querySelector("[data-exam-setup]");
    if (!setup) return;
    var exam = document.querySelector("[data-exam]");
    var result = document.querySelector("[data-exam-result]");
    var provisions = JSON.parse(setup.dataset.provisions);
    var bank = null, drawn = [];

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
        holder.querySelector("input").focus();
      };
      if (bank) return start();
      fetch(setup.dataset.bank).then(function (r) { return r.json(); }).then(function (data) {
        bank = data.items;
        start();
      });
    });

    exam.addEventListener("submit", function (event) {
      event.preventDefault();
      var right = 0, wrongList = result.querySelector("[data-exam-wrong]");
      wrongList.textContent = "";
      drawn.forEach(function (item) {
        var node = exam.querySelector("[data-item='" + item.id + "']");
        var ok = isRight(item.type, item.answer, item.accepted, chosen(node, item.type, "exam-" + item.id));
        if (ok) { right += 1; markCorrect(item.id); return; }
        var li = document.getElementById("reg-exam-wrong").content.firstElementChild.cloneNode(true);
        li.querySelector(".reg-exam-wrong__question").textContent = item.question;
        li.querySelector(".reg-exam-wrong__answer").textContent = answerText(item.type, item.answer, item.accepted);
        li.querySelector(".reg-exam-wrong__explanation").textContent = item.explanation;
        var home = provisions[String(item.provisions[0])];
        var link = li.querySelector(".reg-exam-wrong__link");
        link.href = home.url + "#" + item.passage;
        link.textContent = "见" + home.label;
        wrongList.appendChild(li);
      });
      result.querySelector("[data-exam-score]").textContent =
        "共 " + drawn.length + " 题，答对 " + right + " 题，得分 " + Math.round(100 * right / drawn.length) + " 分（百分制）。";
      exam.hidden = true;
      result.hidden = false;
      result.querySelector("h2").scrollIntoView();
    });

    result.querySelector("[data-exam-again]").addEventListener("click", function () {
      result.hidden = true;
      setup.elements.count.focus();
    });
  }

  function init() {
    setupPageQuizzes();
    showProgress();
    setupReset();
    setupExam();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
