const app = document.getElementById('app');
if (app) app.textContent = 'winesitting-hooks inspector';
