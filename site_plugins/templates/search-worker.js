// Material's search worker ({{ material_worker }}), with one fix for Chinese queries.
//
// Material splits a Chinese query into the shorter tokens its index holds, then
// matches any of them: 借调 becomes 借* 调* and finds pages that only say 借机
// and 调整. This wrapper keeps Material's search and ranking, and drops from each
// result the pages in which no section contains every Chinese run of the query.
var regQuery = "";
addEventListener("message", function (event) {
  if (event.data && event.data.type === 2) regQuery = String(event.data.data || "");  // QUERY
});

var regPost = self.postMessage.bind(self);
function regPlain(html) {
  return String(html || "").replace(/<[^>]*>/g, "").replace(/\u200b/g, "");
}
self.postMessage = function (message) {
  var runs = regQuery.match(/\p{sc=Han}+/gu) || [];
  if (message && message.type === 3 && runs.length && message.data && message.data.items) {  // RESULT
    message.data.items = message.data.items.filter(function (group) {
      return group.some(function (item) {
        var text = regPlain(item.title) + regPlain(item.text);
        return runs.every(function (run) { return text.indexOf(run) >= 0; });
      });
    });
  }
  regPost(message);
};

importScripts("{{ material_worker }}");
