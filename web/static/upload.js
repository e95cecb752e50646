// Pantau upload page: drag and drop onto the form, and a progress bar
// while the files are sent. Without this script the form posts as usual.
(function () {
  var form = document.getElementById('upload');
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var input = form.querySelector('input[type=file]');
  var bar = document.getElementById('progress');
  ['dragenter', 'dragover'].forEach(function (ev) {
    form.addEventListener(ev, function (e) { e.preventDefault(); form.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (ev) {
    form.addEventListener(ev, function (e) { e.preventDefault(); form.classList.remove('over'); });
  });
  form.addEventListener('drop', function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) input.files = e.dataTransfer.files;
  });
  form.addEventListener('submit', function (e) {
    if (!input.files.length) return;
    e.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.responseType = 'document';
    bar.hidden = false;
    xhr.upload.onprogress = function (p) {
      if (p.lengthComputable) bar.value = Math.round(100 * p.loaded / p.total);
    };
    xhr.onload = function () {
      var doc = xhr.response;
      if (doc && doc.body) {
        document.title = doc.title;
        document.body.replaceWith(document.adoptNode(doc.body));
        window.scrollTo(0, 0);
      } else {
        form.submit();
      }
    };
    xhr.onerror = function () { bar.hidden = true; form.submit(); };
    xhr.send(new FormData(form));
  });
})();
